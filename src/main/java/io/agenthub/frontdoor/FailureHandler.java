package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.RequestLedger;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Turns any failure into the problem the caller receives, records it as the request's answer, and
 * prepares the dead-letter copy of a request that failed after it was admitted, or that no one can be
 * told about (a JMS message without {@code JMSReplyTo}). Stack traces go to the hub's log, never to the caller.
 */
public final class FailureHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);
    /** Exchange variable, true when the request's reply destination was refused: no reply, not even a problem, goes there. */
    public static final String REPLY_REFUSED = "replyRefused";

    private final RequestLedger ledger;
    private final ObjectMapper json;
    private final Clock clock;

    public FailureHandler(RequestLedger ledger, ObjectMapper json, Clock clock) {
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param caught    the exception the route caught ({@code ${exception}})
     * @param requestId the admitted request's id; null when the failure came before admission
     */
    public Problem recordFailure(Exception caught, String requestId) {
        // Camel wraps what a bean throws (RuntimeBeanExpressionException around a ProblemException): judge the failure
        // by the innermost exception of the chain, as Camel's own @ExchangeException binding does.
        Exception failure = ObjectHelper.getException(Exception.class, caught);
        Problem problem;
        if (failure instanceof ProblemException p) {
            problem = p.problem();
        } else if (isBackendFailure(failure)) {
            // The connector's own message names connector, operation and status; a raw HTTP failure's would quote
            // a URL that may hold re-identified personal data.
            LOG.warn("Request {} failed at a back-end: {}", requestId, backendMessage(failure));
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

    /**
     * Whether a failure is kept on the dead-letter queue: an admitted request that failed by the hub's or a
     * back-end's fault (5xx) is kept for replay, and any failure whose problem reply cannot be sent is kept so that
     * it is not lost without a trace.
     */
    public boolean keepsDeadLetter(Exchange exchange, Problem problem, String requestId) {
        return (problem.status() >= 500 && requestId != null) || !canReply(exchange);
    }

    /** The dead letter as JSON; personal values never enter it, as the request is kept only once pseudonymised. */
    public String deadLetter(Exchange exchange, String requestId, RedactedRequest redacted, Problem problem)
            throws JsonProcessingException {
        String jmsMessageId = exchange.getMessage().getHeader("JMSMessageID", String.class);
        if (!canReply(exchange)) {
            // The body may hold personal data and is never logged; the message id finds the letter.
            LOG.warn("JMS message {} failed ({}) and has no JMSReplyTo to answer; it is dead-lettered",
                    jmsMessageId, problem.type());
        }
        Problem kept = redacted != null ? problem
                : new Problem(problem.type(), problem.title(), problem.status(), null, problem.requestId(),
                        problem.errors() == null ? List.of() : problem.errors());
        return json.writeValueAsString(new DeadLetter(requestId, exchange.getFromRouteId(), jmsMessageId,
                redacted != null ? redacted.request() : null, kept, clock.instant()));
    }

    /**
     * Whether the problem reply reaches anyone. Camel's JMS consumer runs every message in-out, so for JMS only
     * {@code JMSReplyTo} tells: without it the reply goes nowhere. A message whose reply-to the front door refused
     * ({@link #REPLY_REFUSED}) was turned in-only, so nothing at all is sent there.
     */
    public static boolean canReply(Exchange exchange) {
        if (exchange.getFromEndpoint() instanceof JmsEndpoint) {
            return !Boolean.TRUE.equals(exchange.getVariable(REPLY_REFUSED)) && exchange.getIn().getHeader("JMSReplyTo") != null;
        }
        return exchange.getPattern().isOutCapable();
    }

    private static String backendMessage(Throwable failure) {
        BackendException connector = ObjectHelper.getException(BackendException.class, failure);
        return connector != null ? connector.getMessage() : failure.getClass().getSimpleName();
    }

    private static boolean isBackendFailure(Throwable failure) {
        // Camel may hand over the root cause rather than the connector's wrapper, so look for either.
        return ObjectHelper.getException(BackendException.class, failure) != null
                || ObjectHelper.getException(IOException.class, failure) != null
                || ObjectHelper.getException(HttpOperationFailedException.class, failure) != null
                || ObjectHelper.getException(CallNotPermittedException.class, failure) != null;
    }
}
