package io.agenthub.api;

/**
 * A write was sent to a back-end and no definite answer came back (a reset connection, a timeout, a 5xx):
 * it may or may not have taken effect. Reporting it as a failure would be untrue when it did, so the
 * request waits, and is re-run with the same idempotency key until the back-end says what happened.
 */
public final class OutcomeUnknownException extends BackendException {

    private final String operation;
    private final String idempotencyKey;

    public OutcomeUnknownException(String message, String operation, String idempotencyKey, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.idempotencyKey = idempotencyKey;
    }

    /**
     * The unknown outcome behind a failure as a route catches it: Camel wraps what a bean threw (a bean
     * expression's exception), so it is looked for along the causes.
     */
    public static OutcomeUnknownException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutcomeUnknownException unknown) {
                return unknown;
            }
        }
        throw new IllegalArgumentException("no unknown outcome behind " + failure, failure);
    }

    public String operation() {
        return operation;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }
}
