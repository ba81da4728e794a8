package io.agenthub.api;

/** A back-end failed, timed out, is behind an open circuit breaker, or answered in a way the flow cannot use. */
public class BackendException extends RuntimeException {

    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
