package io.agenthub.connectors;

import io.agenthub.api.BackendException;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.store.Decisions;
import io.agenthub.store.StepOutbox;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.util.ObjectHelper;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.net.ConnectException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Calls one connector's routes and records each call as a step of the request it serves: which
 * operation, the status, how long it took. Typed connectors ({@code CoreBankingConnector}) build on it.
 */
public final class ConnectorClient {

    private final ConnectorSettings settings;
    private final String connector;
    private final ProducerTemplate producer;
    private final StepOutbox steps;
    private final Decisions decisions;
    private final Reidentifier reidentifier;

    public ConnectorClient(ConnectorSettings settings, ProducerTemplate producer, StepOutbox steps, Decisions decisions,
                           Reidentifier reidentifier) {
        this.settings = settings;
        this.connector = settings.name();
        this.producer = producer;
        this.steps = steps;
        this.decisions = decisions;
        this.reidentifier = reidentifier;
    }

    /**
     * Sends the call, with tokens of the types this connector may see replaced by their originals; a 5xx,
     * timeout, or open breaker becomes a {@link BackendException}. The request's history records the call
     * as it was made before re-identification: tokens, never values.
     */
    public ConnectorResponse call(String requestId, ConnectorCall call) {
        boolean write = call.idempotencyKey() != null;
        if (write && requestId != null) {
            // Durable before the back-end can act: after a crash the request is re-run with the same decisions,
            // and so the same key, instead of leaving an action nobody knows about.
            Map<String, Object> intent = new LinkedHashMap<>();
            intent.put("connector", connector);
            intent.put("operation", call.operation());
            intent.put("idempotencyKey", call.idempotencyKey());
            steps.beforeAction(requestId, "action-requested", intent);
        }
        ConnectorCall outgoing = reidentifier.reveal(call, settings.reidentify(), requestId);
        long started = System.nanoTime();
        Exchange done = producer.send(HttpConnectorRoutes.entryUri(connector), exchange -> {
            exchange.getMessage().setBody(outgoing);
            exchange.setVariable("requestId", requestId);
        });
        long millis = (System.nanoTime() - started) / 1_000_000;
        Exception failure = done.getException();
        ConnectorResponse response = null;
        if (failure == null && done.getMessage().getBody() instanceof ConnectorResponse answer) {
            response = answer;
        } else if (failure == null) {
            failure = new BackendException(connector + " gave no answer");
        }

        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("connector", connector);
        detail.put("operation", call.operation());
        detail.put("method", call.method());
        detail.put("status", response != null ? response.status() : null);
        detail.put("latencyMs", millis);
        if (failure != null) {
            detail.put("error", failure.getClass().getSimpleName());
        }
        if (requestId != null) {
            steps.step(requestId, "connector-call", detail);
        }
        if (failure != null) {
            // The cause's own message can quote the URL, and a re-identified URL holds personal data: name its kind only.
            String what = connector + " " + call.operation() + " failed: " + failure.getClass().getSimpleName()
                    + (response != null ? " (status " + response.status() + ")" : "");
            if (write && (mayHaveReached(failure) || decisions.isResumed(requestId))) {
                // Once an action's outcome was unknown, only the back-end's own answer settles it.
                throw new OutcomeUnknownException(what + "; whether it took effect is not known", call.operation(),
                        call.idempotencyKey(), failure);
            }
            throw new BackendException(what, failure);
        }
        return response;
    }

    /** False only when the call certainly never reached the back-end: an open breaker, a refused connection. */
    private static boolean mayHaveReached(Throwable failure) {
        return ObjectHelper.getException(CallNotPermittedException.class, failure) == null
                && ObjectHelper.getException(ConnectException.class, failure) == null;
    }
}
