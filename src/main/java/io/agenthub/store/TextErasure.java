package io.agenthub.store;

import io.agenthub.api.DataSubject;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Blanks stored request texts: a subject's on erasure, everyone's once their retention period ends. Personal
 * data the detector missed goes with the text; the steps, which hold only pseudonymised summaries, stay. The
 * golden examples people's decisions left ({@link GoldenExamples}) hold copies of those texts, and go with them; so
 * does where a flagged card payment was made, which a fraud alert keeps (routes/fraud-alerts.camel.yaml).
 */
public final class TextErasure {

    /** What a request's text reads after its subject was erased or its retention period ended. */
    public static final String ERASED_TEXT = "<erased>";

    private final LedgerTables tables;

    TextErasure(LedgerTables tables) {
        this.tables = tables;
    }

    /** Blanks the stored texts of a subject's requests. */
    public int eraseTextsOf(DataSubject subject) {
        return tables.jdbc.update("UPDATE hub_request SET request_text = ? WHERE tenant = ? AND subject_id = ?",
                ERASED_TEXT, subject.tenant(), subject.subjectId());
    }

    /**
     * Blanks the golden examples' copies of a subject's request texts, and the actions people corrected for them
     * (an edit's parameters may name the subject); label, kind and who decided stay.
     */
    public int eraseExampleTextsOf(DataSubject subject) {
        return tables.jdbc.update("UPDATE hub_golden_example SET text = ?, corrected_action_json = NULL WHERE request_id IN"
                        + " (SELECT request_id FROM hub_request WHERE tenant = ? AND subject_id = ?)"
                        + " AND (text <> ? OR corrected_action_json IS NOT NULL)",
                ERASED_TEXT, subject.tenant(), subject.subjectId(), ERASED_TEXT);
    }

    /**
     * Retention: blanks the golden examples' copies of the texts of requests received before the cut-off (an example
     * keeps its text no longer than the request it was copied from), and those of examples of no request created
     * before it.
     */
    public int eraseExampleTextsReceivedBefore(Instant cutOff) {
        Timestamp before = Timestamp.from(cutOff);
        return tables.jdbc.update("UPDATE hub_golden_example SET text = ?, corrected_action_json = NULL"
                        + " WHERE (text <> ? OR corrected_action_json IS NOT NULL)"
                        + " AND (request_id IN (SELECT request_id FROM hub_request WHERE received_at < ?)"
                        + " OR (request_id IS NULL AND created_at < ?))",
                ERASED_TEXT, ERASED_TEXT, before, before);
    }

    /** Retention: blanks the stored texts of requests received before the cut-off. */
    public int eraseTextsReceivedBefore(Instant cutOff) {
        return tables.jdbc.update("UPDATE hub_request SET request_text = ? WHERE received_at < ? AND request_text <> ?",
                ERASED_TEXT, Timestamp.from(cutOff), ERASED_TEXT);
    }

    /**
     * Blanks where the flagged payments of a subject's fraud alerts were made (the merchant, which tells where the
     * customer was). The alert's ids, digest, card, amount and status stay: the card is how a confirmed fraud is acted
     * on, and the digest how the same alert sent again is still known.
     */
    public int eraseAlertDetailsOf(DataSubject subject) {
        return tables.jdbc.update("UPDATE hub_fraud_alert SET merchant = ? WHERE tenant = ? AND subject_id = ?"
                + " AND merchant <> ?", ERASED_TEXT, subject.tenant(), subject.subjectId(), ERASED_TEXT);
    }

    /** Retention: the same, for the alerts received before the cut-off (kept no longer than their requests' texts). */
    public int eraseAlertDetailsReceivedBefore(Instant cutOff) {
        return tables.jdbc.update("UPDATE hub_fraud_alert SET merchant = ? WHERE received_at < ? AND merchant <> ?",
                ERASED_TEXT, Timestamp.from(cutOff), ERASED_TEXT);
    }
}
