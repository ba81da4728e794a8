package io.agenthub.api;

/**
 * A back-end answered, and refused what it was asked (a 4xx: not found, a conflict, a rule of its own): asking again
 * would be refused again, so an approved action that meets it has failed, rather than waiting to be sent again.
 */
public class BackendRefusedException extends BackendException {

    private final int status;

    public BackendRefusedException(String message, int status) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
