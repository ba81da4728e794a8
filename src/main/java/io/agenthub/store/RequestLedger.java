package io.agenthub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.flows.FlowResult;
import io.agenthub.flows.PolicyVerdict;
import io.agenthub.frontdoor.HubReply;
import io.agenthub.frontdoor.HubRequest;
import io.agenthub.frontdoor.Problem;
import io.agenthub.frontdoor.ProblemException;
import io.agenthub.frontdoor.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.vault.DataSubject;
import org.apache.camel.Body;
import org.apache.camel.Variable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable record of every request and each step taken for it. It admits a request once per
 * idempotency key, and writes a request's final state and its last step in one transaction, so a
 * crash never leaves an answer without its history.
 */
public final class RequestLedger {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;

    public RequestLedger(DataSource dataSource, ObjectMapper json, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records a new request (its redacted text only, with a summary of what was redacted), or finds the
     * answer already given for its idempotency key.
     */
    public Admission admit(@Body RedactedRequest redacted) {
        HubRequest request = redacted.request();
        if (request.idempotencyKey() != null) {
            Optional<Admission> earlier = findByIdempotencyKey(request);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String requestId = RequestIds.next(clock);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO hub_request (request_id, tenant, channel, subject_id, request_text,"
                                + " idempotency_key, correlation_id, status, received_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        requestId, request.tenant(), request.channel(), request.subjectId(), request.text(),
                        request.idempotencyKey(), request.correlationId(), RequestStatus.IN_PROGRESS.name(), now());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("tenant", request.tenant());
                detail.put("channel", request.channel());
                detail.put("textLength", request.text().length());
                detail.put("textDigest", redacted.textDigest());
                detail.put("redacted", redacted.found());
                detail.put("tokens", redacted.tokens());
                insertStep(requestId, "received", detail);
            });
        } catch (DuplicateKeyException raced) {
            // Another consumer admitted the same key between our look-up and insert.
            return findByIdempotencyKey(request).orElseThrow(() -> raced);
        }
        return new Admission(requestId, null);
    }

    private Optional<Admission> findByIdempotencyKey(HubRequest request) {
        List<Object[]> rows = jdbc.query("SELECT request_id, status, http_status, reply_json FROM hub_request"
                        + " WHERE tenant = ? AND idempotency_key = ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4)},
                request.tenant(), request.idempotencyKey());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!RequestStatus.valueOf((String) row[1]).finished()) {
            throw new ProblemException(Problem.of(ProblemType.REQUEST_IN_PROGRESS,
                    "Retry after the first request with this idempotency key has finished.").withRequestId((String) row[0]));
        }
        return Optional.of(new Admission((String) row[0],
                new Admission.StoredReply(((Number) row[2]).intValue(), (String) row[3])));
    }

    /**
     * Records an event that belongs to no single request (a subject's erasure, a retention run) in the audit
     * trail; call it inside the transaction that makes the change it records.
     */
    public void event(String step, Object detail) {
        insertStep(null, step, detail);
    }

    /** The subject's requests, oldest first. */
    public List<String> requestsOf(DataSubject subject) {
        return jdbc.queryForList("SELECT request_id FROM hub_request WHERE tenant = ? AND subject_id = ?"
                + " ORDER BY received_at, request_id", String.class, subject.tenant(), subject.subjectId());
    }

    /** Blanks the stored texts of a subject's requests: personal data the detector missed goes with them. */
    public int eraseTextsOf(DataSubject subject) {
        return jdbc.update("UPDATE hub_request SET request_text = ? WHERE tenant = ? AND subject_id = ?",
                ERASED_TEXT, subject.tenant(), subject.subjectId());
    }

    /** Retention: blanks the stored texts of requests received before the cut-off. */
    public int eraseTextsReceivedBefore(Instant cutOff) {
        return jdbc.update("UPDATE hub_request SET request_text = ? WHERE received_at < ? AND request_text <> ?",
                ERASED_TEXT, Timestamp.from(cutOff), ERASED_TEXT);
    }

    /** What a request's text reads after its subject was erased or its retention period ended. */
    public static final String ERASED_TEXT = "<erased>";

    /** Records what a flow's rules decided, and why. */
    public void verdict(@Variable("requestId") String requestId, PolicyVerdict verdict) {
        insertStep(requestId, "policy", verdict);
    }

    /** Appends one step to a request's history. */
    public void step(String requestId, String step, Object detail) {
        insertStep(requestId, step, detail);
    }

    /** Records the cascade's answer with every tier's attempt (model version, confidence, latency). */
    public void classified(@Variable("requestId") String requestId, @Variable("intent") CascadeAnswer intent,
                           @Variable("flow") String flow) {
        tx.executeWithoutResult(status -> {
            jdbc.update("UPDATE hub_request SET intent = ?, confidence = ?, flow = ? WHERE request_id = ?",
                    intent.label(), intent.confidence(), flow, requestId);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("capability", intent.capability());
            detail.put("intent", intent.label());
            detail.put("confidence", intent.confidence());
            detail.put("tier", intent.tier());
            detail.put("model", intent.model());
            detail.put("escalated", intent.escalated());
            detail.put("route", flow);
            detail.put("attempts", intent.attempts());
            insertStep(requestId, "classified", detail);
        });
    }

    /** Stores the flow's result as the request's answer and returns that answer. */
    public HubReply complete(@Variable("requestId") String requestId, @Variable("intent") CascadeAnswer intent,
                             @Variable("flow") String flow, @Body FlowResult result) {
        HubReply reply = new HubReply(requestId, intent.label(), intent.confidence(), flow, result.outcome(),
                result.message(), result.actions(), intent.tier(), intent.model(), intent.escalated());
        finish(requestId, RequestStatus.COMPLETED, result.outcome().wireName(), 200, reply,
                Map.of("outcome", result.outcome().wireName(), "actions", result.actions()));
        return reply;
    }

    /** Stores a failure as the request's answer, so a retry with the same key sees the same problem. */
    public void fail(String requestId, Problem problem) {
        finish(requestId, RequestStatus.FAILED, "failed", problem.status(), problem,
                Map.of("problem", problem.type(), "detail", problem.detail() == null ? "" : problem.detail()));
    }

    private void finish(String requestId, RequestStatus status, String outcome, int httpStatus, Object reply,
                        Object stepDetail) {
        String replyJson = write(reply);
        tx.executeWithoutResult(s -> {
            jdbc.update("UPDATE hub_request SET status = ?, outcome = ?, http_status = ?, reply_json = ?,"
                            + " completed_at = ? WHERE request_id = ?",
                    status.name(), outcome, httpStatus, replyJson, now(), requestId);
            insertStep(requestId, status == RequestStatus.COMPLETED ? "replied" : "failed", stepDetail);
        });
    }

    /** Whose data a request carries: the subject whose vault holds the originals of its tokens. */
    public Optional<DataSubject> subjectOf(String requestId) {
        return jdbc.query("SELECT tenant, subject_id FROM hub_request WHERE request_id = ?",
                (rs, i) -> new DataSubject(rs.getString(1), rs.getString(2)), requestId).stream().findFirst();
    }

    /** The stored request with its steps; a 404 problem when there is none. */
    public RequestRecord find(String requestId) {
        List<RequestRecord> found = jdbc.query("SELECT * FROM hub_request WHERE request_id = ?",
                (rs, i) -> toRecord(rs, steps(requestId)), requestId);
        if (found.isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No request with id '" + requestId + "'.");
        }
        return found.get(0);
    }

    private List<RequestRecord.Step> steps(String requestId) {
        return jdbc.query("SELECT step, recorded_at, detail_json FROM hub_request_step WHERE request_id = ?"
                        + " ORDER BY step_id",
                (rs, i) -> new RequestRecord.Step(rs.getString(1), instant(rs, 2), read(rs.getString(3))), requestId);
    }

    private RequestRecord toRecord(ResultSet rs, List<RequestRecord.Step> steps) throws SQLException {
        Object confidence = rs.getObject("confidence");
        return new RequestRecord(rs.getString("request_id"), rs.getString("tenant"), rs.getString("channel"),
                rs.getString("subject_id"), rs.getString("request_text"), rs.getString("idempotency_key"),
                rs.getString("correlation_id"), RequestStatus.valueOf(rs.getString("status")),
                rs.getString("intent"), confidence == null ? null : ((Number) confidence).doubleValue(),
                rs.getString("flow"), rs.getString("outcome"), instant(rs, "received_at"),
                instant(rs, "completed_at"), read(rs.getString("reply_json")), steps);
    }

    private void insertStep(String requestId, String step, Object detail) {
        jdbc.update("INSERT INTO hub_request_step (request_id, step, recorded_at, detail_json) VALUES (?,?,?,?)",
                requestId, step, now(), write(detail));
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
