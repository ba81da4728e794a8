package io.agenthub.flows.fraud;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A fraud alert as the hub keeps it (hub_fraud_alert): what it is about, where it stands, and how the customer's
 * reply was read (never the reply's words).
 *
 * @param requestId  the alert's hub request; null until its flow has asked the customer
 * @param deadline   when silence is escalated; null until the customer was asked
 * @param replyRule  which rule read the reply ({@link ReplyReading}), or {@code no-reply} for silence
 * @param closedAt   when the hub gave the alert's final answer; null while it is open
 */
public record StoredAlert(String tenant, String alertId, String subjectId, String cardId, BigDecimal amount,
                          String currency, String merchant, Instant transactionAt, BigDecimal score, String outreachId,
                          String requestId, AlertStatus status, Instant deadline, String replyReading, String replyRule,
                          Instant closedAt) {

    public boolean closed() {
        return closedAt != null;
    }
}
