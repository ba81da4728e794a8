package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.connectors.BackendException;
import io.agenthub.store.RequestLedger;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.ExchangeException;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * Turns any failure into the problem the caller receives, records it as the request's answer, and
 * prepares the dead-letter copy of a request that failed after it was admitted. Stack traces go to
 * the hub's log, never to the caller.
 */
public final class FailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    /** What the dead-letter queue holds: enough to replay the request, and why it failed. */
    public record DeadLetter(String requestId, HubRequest request, Problem problem, Instant failedAt) {
    }

    private final RequestLedger ledger;
    private final ObjectMapper json;
    private final Clock clock;

    public FailureHandler(RequestLedger ledger, ObjectMapper json, Clock clock) {
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
    }

    public Problem recordFailure(@ExchangeException Exception failure, @Variable("requestId") String requestId) {
        Problem problem;
        if (failure instanceof ProblemException p) {
            problem = p.problem();
        } else if (isBackendFailure(failure)) {
            LOG.warn("Request {} failed at a back-end: {}", requestId, failure.getMessage());
            problem = Problem.of(ProblemType.BACKEND_UNAVAILABLE,
                    "A back-end system did not answer; the request was kept for replay.");
        } else {
            LOG.error("Request {} failed unexpectedly", requestId, failure);
            problem = Problem.of(ProblemType.INTERNAL_ERROR, "The hub could not complete the request.");
        }
        if (requestId != null) {
            problem = problem.withRequestId(requestId);
            ledger.fail(requestId, problem);
        }
        return problem;
    }

    public String deadLetter(@Variable("requestId") String requestId, @Variable("request") HubRequest request,
                             @Variable("problem") Problem problem) throws JsonProcessingException {
        return json.writeValueAsString(new DeadLetter(requestId, request, problem, clock.instant()));
    }

    private static boolean isBackendFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Camel may hand over the root cause rather than the connector's wrapper, so look for either.
            if (t instanceof BackendException || t instanceof IOException || t instanceof HttpOperationFailedException
                    || t instanceof CallNotPermittedException) {
                return true;
            }
        }
        return false;
    }
}
