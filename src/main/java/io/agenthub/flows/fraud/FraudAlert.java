package io.agenthub.flows.fraud;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An alert from the bank's fraud engine (JMS {@code bank.fraud-alerts}), validated: the engine suspects that a card
 * payment was not the customer's. Read by {@link FraudAlertReader}; every field is checked before anything is stored.
 *
 * @param alertId     the engine's id of the alert, unique per tenant; the alert's request is keyed by it
 * @param subjectId   the customer the card belongs to
 * @param transaction the payment the engine flagged
 * @param score       how sure the engine is, 0 to 1; null when it does not say
 */
public record FraudAlert(String alertId, String tenant, String subjectId, String cardId, FlaggedPayment transaction,
                         BigDecimal score) {

    /** The record key of the alert's request (docs/fraud-alerts.md). */
    public String recordKey() {
        return FraudAlerts.KEY_PREFIX + alertId;
    }

    /**
     * The request's text, stored pseudonymised like any request's: what the alert is about, without the customer's
     * name, address or account number.
     */
    public String describe() {
        return "Fraud alert " + alertId + ": card " + cardId + ", " + transaction.amount().toPlainString() + " "
                + transaction.currency() + " at " + transaction.merchant() + " on " + transaction.at()
                + (score == null ? "" : ", score " + score.toPlainString());
    }

    /** A card payment as the fraud engine saw it; {@code amount} positive, two decimals at most. */
    public record FlaggedPayment(BigDecimal amount, String currency, String merchant, Instant at) {
    }
}
