package io.agenthub.store;

/** Where a request is in its life; only finished requests can be replayed for a repeated idempotency key. */
public enum RequestStatus {
    IN_PROGRESS, COMPLETED, FAILED;

    public boolean finished() {
        return this != IN_PROGRESS;
    }
}
