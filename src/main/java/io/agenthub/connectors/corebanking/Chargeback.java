package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A dispute of a booked debit as the core-banking API describes it ({@code connectors/core-banking.openapi.yaml}):
 * {@code amount} is the disputed amount, positive; {@code status} is {@code RAISED} until the card scheme decides.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Chargeback(String chargebackId, String transactionId, BigDecimal amount, String currency, String status,
                         Instant raisedAt) {

    /** Two decimals at least, as the contract writes amounts: a JSON reader may have made 42.80 into 42.8. */
    public Chargeback {
        if (amount != null && amount.scale() < 2) {
            amount = amount.setScale(2);
        }
    }
}
