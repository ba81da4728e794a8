package io.agenthub.backoffice;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Whether a failed back-office statement is tried again: the {@code retryWhileRef} of
 * {@code connectors/back-office.camel.yaml}, with the retries and delays of its settings. Only failures that may pass
 * are retried (a lost or refused connection, a timeout, a deadlock or serialisation failure); a bad statement or a
 * broken constraint fails at once. Each statement the routes run is safe to repeat. Retries are logged here by
 * statement and failure kind: a JDBC message may quote the values bound.
 */
public final class BackOfficeRetries implements Predicate {

    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeRetries.class);
    /** The variable naming the statement a call runs. */
    public static final String STATEMENT = "backOfficeStatement";

    @Override
    public boolean matches(Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        Integer attempt = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        Integer allowed = exchange.getMessage().getHeader(Exchange.REDELIVERY_MAX_COUNTER, Integer.class);
        boolean retry = passing(failure) && attempt != null && allowed != null && attempt <= allowed;
        if (retry) {
            LOG.warn("Back office {}: attempt {} failed ({}); retrying", exchange.getVariable(STATEMENT), attempt,
                    failure.getClass().getSimpleName());
        }
        return retry;
    }

    static boolean passing(Exception failure) {
        return failure != null && (ObjectHelper.getException(TransientDataAccessException.class, failure) != null
                || ObjectHelper.getException(RecoverableDataAccessException.class, failure) != null
                || ObjectHelper.getException(CannotGetJdbcConnectionException.class, failure) != null
                || ObjectHelper.getException(SQLTransientException.class, failure) != null
                || ObjectHelper.getException(SQLRecoverableException.class, failure) != null);
    }
}
