package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A credit transfer as the core-banking API describes it ({@code connectors/core-banking.openapi.yaml}): {@code status}
 * ACCEPTED or REJECTED (with {@code rejectionReason}); of an accepted one, {@code settlement} PENDING, SETTLED or
 * RETURNED (with {@code returnReason}), {@code expectedArrival} and {@code settledAt}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Payment(String paymentId, String status, String rejectionReason, String fromAccountId, String creditorName,
                      BigDecimal amount, String currency, String reference, Instant createdAt, String transactionId,
                      String settlement, LocalDate expectedArrival, Instant settledAt, String returnReason) {

    /** Two decimals at least, as the contract writes amounts. */
    public Payment {
        if (amount != null && amount.scale() < 2) {
            amount = amount.setScale(2);
        }
    }
}
