package io.agenthub.flows.claims;

/** A file of the claims inbox that is not read as a notice; the reason goes beside it in error/ (no personal data). */
public final class ClaimFileRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClaimFileRejected(String reason) {
        super(reason, null, false, false);
    }
}
