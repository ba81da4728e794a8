package io.agenthub.store;

import io.agenthub.api.DataSubject;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Blanks stored request texts: a subject's on erasure, everyone's once their retention period ends. Personal
 * data the detector missed goes with the text; the steps, which hold only pseudonymised summaries, stay.
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

    /** Retention: blanks the stored texts of requests received before the cut-off. */
    public int eraseTextsReceivedBefore(Instant cutOff) {
        return tables.jdbc.update("UPDATE hub_request SET request_text = ? WHERE received_at < ? AND request_text <> ?",
                ERASED_TEXT, Timestamp.from(cutOff), ERASED_TEXT);
    }
}
