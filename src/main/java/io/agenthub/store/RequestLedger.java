package io.agenthub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.connectors.OutcomeUnknownException;
import io.agenthub.flows.ActionTaken;
import io.agenthub.flows.FlowResult;
import io.agenthub.flows.Outcome;
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
import org.apache.camel.ExchangeException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable record of every request and each step taken for it. It admits a request once per
 * idempotency key, caller and tenant. A request is made durable at three moments, each one committed
 * transaction: when it is admitted, before it acts on a back-end (with every step and decision so far),
 * and with its answer (with the rest). So an answer is never sent before it is durable, and a request
 * re-run after a crash finds the decisions it acted on.
 */
public final class RequestLedger {

    private static final String DECIDED = "decided";
    private static final String OUTCOME_UNKNOWN = "outcome-unknown";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Clock clock;
    private final PendingSteps pending = new PendingSteps();
    /** Requests being re-run by recovery: their recorded decisions are looked up, not made afresh. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();

    private final Referrals referrals;

    public RequestLedger(DataSource dataSource, ObjectMapper json, Clock clock) {
        this(dataSource, json, clock, Referrals.NONE);
    }

    /** @param referrals queues the review item of a referred request, in the transaction that stores its answer */
    public RequestLedger(DataSource dataSource, ObjectMapper json, Clock clock, Referrals referrals) {
        this.referrals = referrals;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.clock = clock;
    }

    /**
     * Records a new request (its redacted text only, with a summary of what was redacted), or finds the
     * answer already given for its idempotency key. A key is the caller's own: {@code caller} (the authenticated
     * caller's id) scopes it beside the tenant.
     */
    public Admission admit(RedactedRequest redacted, String fingerprint, String caller) {
        HubRequest request = redacted.request();
        if (request.idempotencyKey() != null) {
            Optional<Admission> earlier = findByIdempotencyKey(request, caller, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String requestId = RequestIds.next(clock);
        // In flight before it is visible, so recovery never takes up a request this hub is still working on.
        pending.begin(requestId);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO hub_request (request_id, tenant, channel, caller, subject_id, request_text,"
                                + " idempotency_key, request_fingerprint, correlation_id, status, received_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        requestId, request.tenant(), request.channel(), caller, request.subjectId(), request.text(),
                        request.idempotencyKey(), fingerprint, request.correlationId(), RequestStatus.IN_PROGRESS.name(), now());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("tenant", request.tenant());
                detail.put("channel", request.channel());
                detail.put("caller", caller);
                detail.put("textLength", request.text().length());
                detail.put("textDigest", redacted.textDigest());
                detail.put("redacted", redacted.found());
                detail.put("tokens", redacted.tokens());
                insertStep(requestId, "received", detail);
            });
        } catch (RuntimeException notAdmitted) {
            pending.finish(requestId);
            if (notAdmitted instanceof DuplicateKeyException) {
                // Another consumer admitted the same key between our look-up and insert.
                return findByIdempotencyKey(request, caller, fingerprint).orElseThrow(() -> notAdmitted);
            }
            throw notAdmitted;
        }
        return new Admission(requestId, null);
    }

    private Optional<Admission> findByIdempotencyKey(HubRequest request, String caller, String fingerprint) {
        List<Object[]> rows = jdbc.query("SELECT request_id, status, http_status, reply_json, request_fingerprint"
                        + " FROM hub_request WHERE tenant = ? AND caller = ? AND idempotency_key = ?",
                (rs, i) -> new Object[] {rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4), rs.getString(5)},
                request.tenant(), caller, request.idempotencyKey());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (row[4] != null && fingerprint != null && !row[4].equals(fingerprint)) {
            // As payment APIs do: a key names one request; answering another with its answer would hand one
            // customer's answer to another, and leave the second request undone.
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "This idempotency key was used for a different"
                    + " request (another subject, channel or text); use a new key for a new request.");
        }
        if (!RequestStatus.valueOf((String) row[1]).finished()) {
            if (row[3] != null) {
                // Waiting for a back-end to confirm an action: the pending answer, as first given.
                return Optional.of(new Admission((String) row[0],
                        new Admission.StoredReply(((Number) row[2]).intValue(), (String) row[3])));
            }
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

    /** Records several events of one kind that belong to no single request, in one transaction. */
    public void events(String step, List<?> details) {
        if (!details.isEmpty()) {
            tx.executeWithoutResult(status -> details.forEach(detail -> insertStep(null, step, detail)));
        }
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
        step(requestId, "policy", verdict);
    }

    /**
     * Appends one step to a request's history. It becomes durable with the request's next durable moment
     * (an action, or the answer); a step of no request in flight here is written at once.
     */
    public void step(String requestId, String step, Object detail) {
        if (pending.inFlight(requestId)) {
            pending.add(requestId, new PendingSteps.Step(step, now(), write(detail)));
        } else {
            insertStep(requestId, step, detail);
        }
    }

    /**
     * Makes the request durable before it acts on a back-end: every step and decision so far, and this step
     * (which action, under which idempotency key), in one committed transaction. After a crash the request is
     * re-run with the same decisions, so the back-end sees the same action under the same key.
     */
    public void beforeAction(String requestId, String step, Object detail) {
        flush(requestId, () -> insertStep(requestId, step, detail));
    }

    /**
     * A decision a request acts on, made once: the value given the first time, even when the request is re-run
     * after a crash and the world has changed since (the card it blocked is no longer active). Kept with the
     * request's steps, so it is durable before any action taken on it.
     */
    @SuppressWarnings("unchecked")
    public <T> T decided(String requestId, String name, T value) {
        if (recovering.contains(requestId)) {
            Optional<T> earlier = recalled(requestId, name, (Class<T>) value.getClass());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("name", name);
        detail.put("value", value);
        step(requestId, DECIDED, detail);
        return value;
    }

    private <T> Optional<T> recalled(String requestId, String name, Class<T> type) {
        List<String> values = jdbc.queryForList("SELECT detail_json FROM hub_request_step WHERE request_id = ? AND step = ?"
                + " ORDER BY step_id", String.class, requestId, DECIDED);
        for (String value : values) {
            JsonNode detail = read(value);
            if (name.equals(detail.path("name").asText())) {
                try {
                    return Optional.of(json.treeToValue(detail.get("value"), type));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("decision '" + name + "' of request " + requestId + " is unreadable", e);
                }
            }
        }
        return Optional.empty();
    }

    /** Records the cascade's answer with every tier's attempt (model version, confidence, latency). */
    public void classified(@Variable("requestId") String requestId, @Variable("intent") CascadeAnswer intent,
                           @Variable("flow") String flow) {
        pending.classified(requestId, new PendingSteps.Classification(intent.label(), intent.confidence(), flow));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("capability", intent.capability());
        detail.put("intent", intent.label());
        detail.put("confidence", intent.confidence());
        detail.put("tier", intent.tier());
        detail.put("model", intent.model());
        detail.put("escalated", intent.escalated());
        detail.put("route", flow);
        detail.put("attempts", intent.attempts());
        step(requestId, "classified", detail);
    }

    /**
     * Stores the flow's result as the request's answer and returns that answer. A referral's review item is
     * queued in the same transaction: a customer told that staff will contact them always has one behind it.
     */
    public HubReply complete(@Variable("requestId") String requestId, @Variable("intent") CascadeAnswer intent,
                             @Variable("flow") String flow, @Body FlowResult result) {
        HubReply reply = new HubReply(requestId, intent.label(), intent.confidence(), flow, result.outcome(),
                result.message(), result.actions(), intent.tier(), intent.model(), intent.escalated());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", result.outcome().wireName());
        detail.put("actions", result.actions());
        putText(detail, result);
        finish(requestId, RequestStatus.COMPLETED, result.outcome().wireName(), 200, reply, detail,
                result.isReferred() ? () -> referrals.queue(requestId, intent, result.reviewReason()) : () -> { });
        return reply;
    }

    /** Which text the customer was told, and the version of the template files its words came from. */
    private static void putText(Map<String, Object> detail, FlowResult result) {
        if (result.text() != null && result.text().version() != null) {
            detail.put("text", Map.of("key", result.text().key().key(), "version", result.text().version()));
        }
    }

    /** Stores a failure as the request's answer, so a retry with the same key sees the same problem. */
    public void fail(String requestId, Problem problem) {
        finish(requestId, RequestStatus.FAILED, "failed", problem.status(), problem,
                Map.of("problem", problem.type(), "detail", problem.detail() == null ? "" : problem.detail()), () -> { });
    }

    /**
     * Keeps the request in progress while a back-end has not confirmed an action it was asked to take: the
     * answer given meanwhile (202, pending) is stored, so a repeated key gets it too, and recovery asks the
     * back-end again under the same idempotency key until it answers.
     *
     * @param meanwhile what the customer is told meanwhile, worded (customerMessages.awaitingConfirmation)
     */
    public HubReply awaitConfirmation(@Variable("requestId") String requestId, @Variable("intent") CascadeAnswer intent,
                                      @Variable("flow") String flow, @ExchangeException OutcomeUnknownException unknown,
                                      @Body FlowResult meanwhile) {
        HubReply pendingReply = new HubReply(requestId, intent.label(), intent.confidence(), flow, Outcome.PENDING,
                meanwhile.message(), List.of(new ActionTaken(unknown.operation(), null, "UNCONFIRMED")), intent.tier(),
                intent.model(), intent.escalated());
        Map<String, Object> stepDetail = new LinkedHashMap<>();
        stepDetail.put("operation", unknown.operation());
        stepDetail.put("idempotencyKey", unknown.idempotencyKey());
        stepDetail.put("error", unknown.getMessage());
        putText(stepDetail, meanwhile);
        String replyJson = write(pendingReply);
        flush(requestId, () -> {
            writeClassification(requestId);
            jdbc.update("UPDATE hub_request SET http_status = ?, reply_json = ? WHERE request_id = ?", 202, replyJson, requestId);
            insertStep(requestId, OUTCOME_UNKNOWN, stepDetail);
        });
        pending.finish(requestId);
        recovering.remove(requestId);
        return pendingReply;
    }

    private void finish(String requestId, RequestStatus status, String outcome, int httpStatus, Object reply,
                        Object stepDetail, Runnable alongside) {
        String replyJson = write(reply);
        flush(requestId, () -> {
            writeClassification(requestId);
            alongside.run();
            jdbc.update("UPDATE hub_request SET status = ?, outcome = ?, http_status = ?, reply_json = ?,"
                            + " completed_at = ? WHERE request_id = ?",
                    status.name(), outcome, httpStatus, replyJson, now(), requestId);
            insertStep(requestId, status == RequestStatus.COMPLETED ? "replied" : "failed", stepDetail);
        });
        pending.finish(requestId);
        recovering.remove(requestId);
    }

    /** What {@code classified} learned, on the request's row; inside the transaction that makes it durable. */
    private void writeClassification(String requestId) {
        PendingSteps.Classification classification = pending.classification(requestId);
        if (classification != null) {
            jdbc.update("UPDATE hub_request SET intent = ?, confidence = ?, flow = ? WHERE request_id = ?",
                    classification.intent(), classification.confidence(), classification.flow(), requestId);
        }
    }

    /**
     * Writes the request's pending steps and then {@code more}, in one committed transaction. When that fails the
     * request is as a crash would leave it: what is durable stays, the rest is gone, and it is no longer counted
     * in flight here, so recovery takes it up again.
     */
    private void flush(String requestId, Runnable more) {
        List<PendingSteps.Step> steps = pending.drainSteps(requestId);
        try {
            tx.executeWithoutResult(s -> {
                for (PendingSteps.Step step : steps) {
                    jdbc.update("INSERT INTO hub_request_step (request_id, step, recorded_at, detail_json) VALUES (?,?,?,?)",
                            requestId, step.step(), step.recordedAt(), step.detailJson());
                }
                more.run();
            });
        } catch (RuntimeException e) {
            pending.finish(requestId);
            throw e;
        }
    }

    /** Whether the request is being re-run by recovery (after a crash, or to settle an unknown outcome). */
    public boolean isResumed(String requestId) {
        return requestId != null && recovering.contains(requestId);
    }

    /**
     * Requests admitted but not answered, oldest first, that no thread of this hub is working on and that are due:
     * one a crash interrupted at once; one waiting for a back-end to confirm an action after a pause that doubles
     * with each unanswered re-ask, from {@code firstPause} up to {@code longestPause}, so a long outage adds a few
     * steps an hour to its history, not one every pass.
     */
    public List<String> unanswered(Duration firstPause, Duration longestPause) {
        Instant now = clock.instant();
        return jdbc.query("SELECT r.request_id, COUNT(s.step_id), MAX(s.recorded_at) FROM hub_request r"
                        + " LEFT JOIN hub_request_step s ON s.request_id = r.request_id AND s.step = ?"
                        + " WHERE r.status = ? GROUP BY r.request_id, r.received_at ORDER BY r.received_at, r.request_id",
                (rs, i) -> {
                    String requestId = rs.getString(1);
                    int reasks = rs.getInt(2);
                    Timestamp last = rs.getTimestamp(3);
                    if (pending.inFlight(requestId)) {
                        return null;
                    }
                    if (reasks == 0 || last == null) {
                        return requestId;
                    }
                    Duration pause = firstPause.multipliedBy(1L << Math.min(reasks - 1, 20));
                    return now.isBefore(last.toInstant().plus(pause.compareTo(longestPause) > 0 ? longestPause : pause))
                            ? null : requestId;
                }, OUTCOME_UNKNOWN, RequestStatus.IN_PROGRESS.name()).stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Takes up an unanswered request again, as it was stored (its text pseudonymised): its decisions are
     * recalled rather than made afresh. Empty when it was answered meanwhile.
     */
    public Optional<HubRequest> resume(String requestId) {
        List<HubRequest> found = jdbc.query("SELECT tenant, channel, subject_id, request_text, idempotency_key, correlation_id"
                        + " FROM hub_request WHERE request_id = ? AND status = ?",
                (rs, i) -> new HubRequest(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)), requestId, RequestStatus.IN_PROGRESS.name());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        recovering.add(requestId);
        pending.begin(requestId);
        return Optional.of(found.get(0));
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
            throw new ProblemException(ProblemType.NOT_FOUND, "No request with this id.");
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
