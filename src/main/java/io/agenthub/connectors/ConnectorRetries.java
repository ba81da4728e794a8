package io.agenthub.connectors;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Whether a failed HTTP attempt is tried again: the {@code retryWhileRef} of every connector's attempt route
 * (connectors/*.camel.yaml), whose {@code maximumRedeliveries} and delays come from the connector's settings.
 * Only I/O errors (timeouts included) and 5xx or 429 answers are retried, and only for a call that is safe to
 * repeat: a read, or a write that carries an idempotency key. A write without one could act twice.
 *
 * <p>Each retry is logged here by connector, operation and failure kind: Camel's own retry line quotes the URL,
 * which may hold re-identified personal data, and is off.
 */
public final class ConnectorRetries implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRetries.class);

    @Override
    public boolean matches(Exchange exchange) {
        CallInFlight inFlight = exchange.getVariable(ConnectorCalls.VARIABLE, CallInFlight.class);
        Exception failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        // Camel sets the max counter only when retries are allowed at all: none set means retries=0.
        Integer attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Integer allowed = exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class);
        boolean retry = inFlight != null && inFlight.call().retryable() && passing(failure)
                && attempt != null && allowed != null && attempt <= allowed;
        if (retry) {
            LOG.warn("Connector {} {}: attempt {} failed ({}); retrying", inFlight.connector(), inFlight.call().operation(),
                    attempt, failure.getClass().getSimpleName());
        }
        return retry;
    }

    /** An I/O error (a refused or reset connection, a timeout), or a 5xx or 429 answer. */
    private static boolean passing(Exception failure) {
        return failure != null && (ObjectHelper.getException(IOException.class, failure) != null
                || ObjectHelper.getException(HttpOperationFailedException.class, failure) != null);
    }
}
