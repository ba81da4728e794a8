package io.agenthub.connectors;

import io.agenthub.api.BackendException;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.store.Decisions;
import io.agenthub.store.StepOutbox;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.util.ObjectHelper;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The record a connector's route keeps of each call (connectors/*.camel.yaml): an action is durable before the
 * back-end can take it, and every call becomes a step of the request it serves (operation, status, latency). A
 * failure is named by its kind and turned into what the flow's caller is told: the back-end was unavailable, or
 * an action's outcome is unknown and recovery settles it under the same idempotency key.
 */
public final class ConnectorCalls {

    /** The exchange variable that holds the {@link CallInFlight} while a connector's routes run. */
    public static final String VARIABLE = "connectorCall";

    private final StepOutbox steps;
    private final Decisions decisions;

    public ConnectorCalls(StepOutbox steps, Decisions decisions) {
        this.steps = steps;
        this.decisions = decisions;
    }

    /** The first step of a call; a write is made durable here, with its idempotency key, before anything is sent. */
    public CallInFlight start(String requestId, String connector, ConnectorCall call) {
        if (call.idempotencyKey() != null && requestId != null) {
            // After a crash the request is re-run with the same decisions, and so the same key, instead of leaving
            // an action nobody knows about.
            Map<String, Object> intent = new LinkedHashMap<>();
            intent.put("connector", connector);
            intent.put("operation", call.operation());
            intent.put("idempotencyKey", call.idempotencyKey());
            steps.beforeAction(requestId, "action-requested", intent);
        }
        return new CallInFlight(connector, requestId, call, System.nanoTime());
    }

    /** The back-end's answer (any status below 500 but 429), recorded; the flow decides what a 404 or 409 means. */
    public ConnectorResponse answered(CallInFlight inFlight, Object answer) {
        if (!(answer instanceof ConnectorResponse response)) {
            throw new BackendException(inFlight.connector() + " gave no answer");
        }
        record(inFlight, response.status(), null);
        return response;
    }

    /**
     * Records a failed call and throws what the caller's route is to see: {@link OutcomeUnknownException} for a write
     * that may have reached the back-end (or one re-run by recovery, where only the back-end's own answer settles
     * it), else {@link BackendException}.
     */
    public void failed(CallInFlight inFlight, Exception failure) {
        record(inFlight, null, failure);
        ConnectorCall call = inFlight.call();
        // The cause's own message can quote the URL, and a re-identified URL holds personal data: name its kind only.
        String what = inFlight.connector() + " " + call.operation() + " failed: " + kind(failure);
        if (call.idempotencyKey() != null && (mayHaveReached(failure) || decisions.isResumed(inFlight.requestId()))) {
            throw new OutcomeUnknownException(what + "; whether it took effect is not known", call.operation(),
                    call.idempotencyKey(), failure);
        }
        throw new BackendException(what, failure);
    }

    private void record(CallInFlight inFlight, Integer status, Exception failure) {
        if (inFlight.requestId() == null) {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("connector", inFlight.connector());
        detail.put("operation", inFlight.call().operation());
        detail.put("method", inFlight.call().method());
        detail.put("status", status);
        detail.put("latencyMs", inFlight.millisSoFar());
        if (failure != null) {
            detail.put("error", kind(failure));
        }
        steps.step(inFlight.requestId(), "connector-call", detail);
    }

    /** What failed, by class: a message may quote a URL that holds re-identified personal data. */
    private static String kind(Throwable failure) {
        return failure.getClass().getSimpleName();
    }

    /** False only when the call certainly never reached the back-end: an open breaker, a refused connection. */
    private static boolean mayHaveReached(Throwable failure) {
        return ObjectHelper.getException(CallNotPermittedException.class, failure) == null
                && ObjectHelper.getException(ConnectException.class, failure) == null;
    }
}
