package io.agenthub.store;

/**
 * The front door's decision on an incoming request: a new request id to process, or the stored answer
 * to a request already made with the same idempotency key.
 */
public record Admission(String requestId, StoredReply replay) {

    public boolean isReplay() {
        return replay != null;
    }

    /** An answer as first given: its HTTP status and JSON body, byte for byte. */
    public record StoredReply(int httpStatus, String json) {
    }
}
