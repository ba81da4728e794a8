package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/** Money paid on a claim (payClaim's answer). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Payout(String payoutId, String claimNumber, String policyNumber, BigDecimal amount, String currency,
                     Instant paidAt) {
}
