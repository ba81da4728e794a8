package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A claim as the insurance API describes it; {@code estimatedAmount} and {@code settledAmount} may be absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Claim(String claimNumber, String policyNumber, String customerId, String status, LocalDate dateOfLoss,
                    String lossType, BigDecimal estimatedAmount, String currency, Instant reportedAt,
                    BigDecimal settledAmount) {
}
