package io.agenthub.store;

import io.agenthub.api.DataSubject;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads stored requests: one with its steps (lookup, explanations), whose data one carries, a subject's requests. */
public final class RequestRecords {

    private final LedgerTables tables;

    RequestRecords(LedgerTables tables) {
        this.tables = tables;
    }

    /** The stored request with its steps; a 404 problem when there is none. */
    public RequestRecord find(String requestId) {
        List<RequestRecord> found = tables.jdbc.query("SELECT * FROM hub_request WHERE request_id = ?",
                (rs, i) -> toRecord(rs, steps(requestId)), requestId);
        if (found.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No request with this id.");
        }
        return found.get(0);
    }

    /** Whose data a request carries: the subject whose vault holds the originals of its tokens. */
    public Optional<DataSubject> subjectOf(String requestId) {
        return tables.jdbc.query("SELECT tenant, subject_id FROM hub_request WHERE request_id = ?",
                (rs, i) -> new DataSubject(rs.getString(1), rs.getString(2)), requestId).stream().findFirst();
    }

    /** The subject's requests, oldest first. */
    public List<String> requestsOf(DataSubject subject) {
        return tables.jdbc.queryForList("SELECT request_id FROM hub_request WHERE tenant = ? AND subject_id = ?"
                + " ORDER BY received_at, request_id", String.class, subject.tenant(), subject.subjectId());
    }

    private List<RequestRecord.Step> steps(String requestId) {
        return tables.jdbc.query("SELECT step, recorded_at, detail_json FROM hub_request_step WHERE request_id = ?"
                        + " ORDER BY step_id",
                (rs, i) -> new RequestRecord.Step(rs.getString(1), LedgerTables.instant(rs, 2), tables.read(rs.getString(3))),
                requestId);
    }

    private RequestRecord toRecord(ResultSet rs, List<RequestRecord.Step> steps) throws SQLException {
        Object confidence = rs.getObject("confidence");
        return new RequestRecord(rs.getString("request_id"), rs.getString("tenant"), rs.getString("channel"),
                rs.getString("subject_id"), rs.getString("request_text"), rs.getString("idempotency_key"),
                rs.getString("correlation_id"), RequestStatus.valueOf(rs.getString("status")),
                rs.getString("intent"), confidence == null ? null : ((Number) confidence).doubleValue(),
                rs.getString("flow"), rs.getString("outcome"), LedgerTables.instant(rs, "received_at"),
                LedgerTables.instant(rs, "completed_at"), tables.read(rs.getString("reply_json")), steps);
    }
}
