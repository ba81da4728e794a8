package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The body of fileClaim, in the contract's field order; no estimate when the policy holder gave none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimFiling(String policyNumber, LocalDate dateOfLoss, String lossType, String description,
                          BigDecimal estimatedAmount, String currency, String location) {
}
