package io.agenthub.store;

/**
 * Where a request is in its life; only finished requests can be replayed for a repeated idempotency key. A request
 * waiting for people to approve an action it proposed is answered (pending approval) but not finished: recovery leaves
 * it alone, and it finishes when the action is executed, denied or expires.
 */
public enum RequestStatus {
    IN_PROGRESS, AWAITING_APPROVAL, COMPLETED, FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
