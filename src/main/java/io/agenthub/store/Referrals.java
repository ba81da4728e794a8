package io.agenthub.store;

import io.agenthub.capability.CascadeAnswer;

/**
 * Where a referred request's review item is queued. The ledger calls it inside the transaction that stores
 * the answer, so "a member of staff will contact you" and the item behind it are committed together or not
 * at all.
 */
public interface Referrals {

    /** Queues a review item for the request unless it already has one pending. */
    void queue(String requestId, CascadeAnswer intent, String reason);

    /** For a ledger that answers no referrals (tools and tests): a referral is an error, never silently lost. */
    Referrals NONE = (requestId, intent, reason) -> {
        throw new IllegalStateException("request " + requestId + " was referred, but this ledger has no review queue");
    };
}
