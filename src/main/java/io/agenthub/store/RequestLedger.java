package io.agenthub.store;

import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubReply;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.RedactedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Admits each request once per idempotency key, caller and tenant, and stores its answer. A request is made
 * durable at three moments, each one committed transaction: when it is admitted, before it acts on a back-end
 * (with every step and decision so far, {@link StepOutbox#beforeAction}), and with its answer (with the rest).
 * So an answer is never sent before it is durable, and a request re-run after a crash finds the decisions it
 * acted on.
 */
public final class RequestLedger {

    private final LedgerTables tables;
    private final StepOutbox outbox;
    private final Decisions decisions;
    private final Referrals referrals;
    private final Publications publications;

    /** Where a request's final answer goes when it comes after an earlier one (JMS, for the channel that asked). */
    public static final String NOTIFICATIONS = "hub.notifications";

    RequestLedger(LedgerTables tables, StepOutbox outbox, Decisions decisions, Referrals referrals,
                  Publications publications) {
        this.tables = tables;
        this.outbox = outbox;
        this.decisions = decisions;
        this.referrals = referrals;
        this.publications = publications;
    }

    /**
     * Records a new request (its redacted text only, with a summary of what was redacted), or finds the
     * answer already given for its idempotency key. A key is the caller's own: {@code caller} (the authenticated
     * caller's id) scopes it beside the tenant.
     */
    public Admission admit(RedactedRequest redacted, String fingerprint, String caller) {
        return admit(redacted, fingerprint, caller, requestId -> { });
    }

    /**
     * Admits a request as {@link #admit(RedactedRequest, String, String)} does, and does {@code alongside} (given the
     * new request's id) in the same transaction: a job's record is admitted with the flow its job chose already
     * decided, so no crash can leave it to be classified as a customer's words.
     */
    public Admission admit(RedactedRequest redacted, String fingerprint, String caller, Consumer<String> alongside) {
        HubRequest request = redacted.request();
        if (request.idempotencyKey() != null) {
            Optional<Admission> earlier = findByIdempotencyKey(request, caller, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        String requestId = RequestIds.next(tables.clock);
        // In flight before it is visible, so recovery never takes up a request this hub is still working on.
        outbox.begin(requestId);
        try {
            tables.tx.executeWithoutResult(status -> {
                tables.jdbc.update("INSERT INTO hub_request (request_id, tenant, channel, caller, subject_id, request_text,"
                                + " idempotency_key, request_fingerprint, correlation_id, status, received_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        requestId, request.tenant(), request.channel(), caller, request.subjectId(), request.text(),
                        request.idempotencyKey(), fingerprint, request.correlationId(), RequestStatus.IN_PROGRESS.name(),
                        tables.now());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("tenant", request.tenant());
                detail.put("channel", request.channel());
                detail.put("caller", caller);
                detail.put("textLength", request.text().length());
                detail.put("textDigest", redacted.textDigest());
                detail.put("redacted", redacted.found());
                detail.put("tokens", redacted.tokens());
                tables.insertStep(requestId, "received", detail);
                alongside.accept(requestId);
            });
        } catch (RuntimeException notAdmitted) {
            outbox.finish(requestId);
            if (notAdmitted instanceof DuplicateKeyException) {
                // Another consumer admitted the same key between our look-up and insert.
                return findByIdempotencyKey(request, caller, fingerprint).orElseThrow(() -> notAdmitted);
            }
            throw notAdmitted;
        }
        return new Admission(requestId, null);
    }

    private Optional<Admission> findByIdempotencyKey(HubRequest request, String caller, String fingerprint) {
        List<Object[]> rows = tables.jdbc.query("SELECT request_id, status, http_status, reply_json, request_fingerprint"
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

    /** Records the cascade's answer with every tier's attempt (model version, confidence, latency). */
    public void classified(String requestId, CascadeAnswer intent, String flow) {
        outbox.classified(requestId, new PendingSteps.Classification(intent.label(), intent.confidence(), flow));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("capability", intent.capability());
        detail.put("intent", intent.label());
        detail.put("confidence", intent.confidence());
        detail.put("tier", intent.tier());
        detail.put("model", intent.model());
        detail.put("escalated", intent.escalated());
        detail.put("route", flow);
        detail.put("attempts", intent.attempts());
        outbox.step(requestId, "classified", detail);
    }

    /**
     * Stores the flow's result as the request's answer and returns that answer. A referral's review item is
     * queued in the same transaction: a customer told that staff will contact them always has one behind it.
     */
    public HubReply complete(String requestId, CascadeAnswer intent, String flow, FlowResult result) {
        HubReply reply = new HubReply(requestId, intent.label(), intent.confidence(), flow, result.outcome(),
                result.message(), result.actions(), intent.tier(), intent.model(), intent.escalated());
        store(requestId, reply, result, intent);
        return reply;
    }

    /**
     * The final answer of a request that was answered before (pending approval): its action was executed, denied or
     * expired. The intent, route and models of the first answer stay; the outcome, message and actions are this
     * result's. Joins the caller's transaction (the approval's change of state), and publishes the answer on
     * {@link #NOTIFICATIONS}.
     */
    public HubReply settle(String requestId, FlowResult result) {
        JsonNode earlier = tables.read(tables.jdbc.queryForObject("SELECT reply_json FROM hub_request WHERE request_id = ?",
                String.class, requestId));
        if (earlier == null) {
            throw new IllegalStateException("request " + requestId + " has no earlier answer to settle");
        }
        HubReply reply = new HubReply(requestId, text(earlier, "intent"), earlier.path("confidence").asDouble(),
                text(earlier, "route"), result.outcome(), result.message(), result.actions(), text(earlier, "tier"),
                text(earlier, "model"), earlier.path("escalated").asBoolean());
        store(requestId, reply, result, new CascadeAnswer(null, reply.intent(), reply.confidence(), reply.tier(),
                reply.model(), reply.escalated(), List.of()));
        return reply;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    /**
     * Takes an answered request up again to re-run it (a reviewer chose its intent): it is in progress once more,
     * keeps its earlier answer until the new one, and its recorded decisions are recalled, the latest of each name
     * first. Empty when there is no such request, or it is in progress already. Inside a transaction (a review's
     * resolution, which must not be kept without it), a rollback leaves it as it was and no longer counted in flight.
     */
    public Optional<HubRequest> reopen(String requestId) {
        if (outbox.inFlight(requestId)) {
            // Being handled here now: its steps are not this caller's to drop.
            return Optional.empty();
        }
        // In flight here before it is in progress, so recovery never takes it up at the same time.
        outbox.begin(requestId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        settled(requestId);
                    }
                }
            });
        }
        int reopened = tables.jdbc.update("UPDATE hub_request SET status = ?, completed_at = NULL WHERE request_id = ?"
                + " AND status <> ?", RequestStatus.IN_PROGRESS.name(), requestId, RequestStatus.IN_PROGRESS.name());
        if (reopened == 0) {
            outbox.finish(requestId);
            return Optional.empty();
        }
        return decisions.resume(requestId);
    }

    private void store(String requestId, HubReply reply, FlowResult result, CascadeAnswer intent) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("outcome", result.outcome().wireName());
        detail.put("actions", result.actions());
        putText(detail, result);
        boolean pending = result.outcome() == Outcome.PENDING_APPROVAL;
        finish(requestId, pending ? RequestStatus.AWAITING_APPROVAL : RequestStatus.COMPLETED, result.outcome().wireName(),
                pending ? 202 : 200, reply, detail,
                result.isReferred() ? () -> referrals.queue(requestId, intent, result.reviewReason()) : () -> { });
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
     * back-end again under the same idempotency key until it answers. {@code failure} is the exception the route
     * caught, with an {@link OutcomeUnknownException} at or behind it.
     *
     * @param meanwhile what the customer is told meanwhile, worded (customerMessages.awaitingConfirmation)
     */
    public HubReply awaitConfirmation(String requestId, CascadeAnswer intent, String flow, Exception failure,
                                      FlowResult meanwhile) {
        OutcomeUnknownException unknown = OutcomeUnknownException.in(failure);
        HubReply pendingReply = new HubReply(requestId, intent.label(), intent.confidence(), flow, Outcome.PENDING,
                meanwhile.message(), List.of(new ActionTaken(unknown.operation(), null, "UNCONFIRMED")), intent.tier(),
                intent.model(), intent.escalated());
        Map<String, Object> stepDetail = new LinkedHashMap<>();
        stepDetail.put("operation", unknown.operation());
        stepDetail.put("idempotencyKey", unknown.idempotencyKey());
        stepDetail.put("error", unknown.getMessage());
        putText(stepDetail, meanwhile);
        String replyJson = tables.write(pendingReply);
        outbox.flush(requestId, () -> {
            writeClassification(requestId);
            tables.jdbc.update("UPDATE hub_request SET http_status = ?, reply_json = ? WHERE request_id = ?",
                    202, replyJson, requestId);
            tables.insertStep(requestId, Decisions.OUTCOME_UNKNOWN, stepDetail);
        });
        settled(requestId);
        return pendingReply;
    }

    private void finish(String requestId, RequestStatus status, String outcome, int httpStatus, Object reply,
                        Object stepDetail, Runnable alongside) {
        String replyJson = tables.write(reply);
        outbox.flush(requestId, () -> {
            writeClassification(requestId);
            alongside.run();
            // Whether it was answered before, without reading that answer back on every request's path.
            Map<String, Object> earlier = tables.jdbc.queryForMap("SELECT tenant, channel, CASE WHEN reply_json IS NULL"
                    + " THEN 0 ELSE 1 END AS answered FROM hub_request WHERE request_id = ?", requestId);
            tables.jdbc.update("UPDATE hub_request SET status = ?, outcome = ?, http_status = ?, reply_json = ?,"
                            + " completed_at = ? WHERE request_id = ?",
                    status.name(), outcome, httpStatus, replyJson, status.finished() ? tables.now() : null, requestId);
            tables.insertStep(requestId, status == RequestStatus.FAILED ? "failed" : "replied", stepDetail);
            if (((Number) earlier.get("answered")).intValue() == 1) {
                // The caller had an answer already (pending); this one it has not seen: tell its channel.
                String channel = (String) earlier.get("channel");
                publications.publish(NOTIFICATIONS, Map.of("HubChannel", channel, "HubTenant", (String) earlier.get("tenant"),
                        "HubRequestId", requestId), new Notification(requestId, (String) earlier.get("tenant"), channel,
                        tables.read(replyJson)));
            }
        });
        settled(requestId);
    }

    /** What {@link #NOTIFICATIONS} carries: the request's new answer, for the channel that asked. */
    public record Notification(String requestId, String tenant, String channel, JsonNode reply) {
    }

    private void settled(String requestId) {
        outbox.finish(requestId);
        decisions.settled(requestId);
    }

    /** What {@code classified} learned, on the request's row; inside the transaction that makes it durable. */
    private void writeClassification(String requestId) {
        PendingSteps.Classification classification = outbox.classification(requestId);
        if (classification != null) {
            tables.jdbc.update("UPDATE hub_request SET intent = ?, confidence = ?, flow = ? WHERE request_id = ?",
                    classification.intent(), classification.confidence(), classification.flow(), requestId);
        }
    }
}
