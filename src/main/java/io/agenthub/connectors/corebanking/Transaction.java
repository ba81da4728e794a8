package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A booked transaction as the core-banking API describes it: {@code amount} is signed, negative for debits.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Transaction(String transactionId, String accountId, Instant bookedAt, BigDecimal amount, String currency,
                          String counterparty, String description, String category) {
}
