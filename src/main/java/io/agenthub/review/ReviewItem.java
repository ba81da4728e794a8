package io.agenthub.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A request waiting for a person: why it is here, what the models suggested (with every tier's attempt), its text
 * as stored (pseudonymised), the labels a reviewer may choose from, when it arrived and by when it should be worked;
 * once resolved, who resolved it and how, and where the request stands since.
 *
 * @param capability null for a contested decision (the front door's capability decided it)
 * @param status     {@code pending} or {@code resolved}
 * @param text       the request's text with personal data as tokens ({@code <PERSON_1>}); revealing a value is
 *                   another, audited, operation
 * @param labels     the capability's labels, sorted: the intents a reviewer may choose
 * @param resolution null while pending
 * @param request    the request's state now
 */
public record ReviewItem(long reviewId, String requestId, String tenant, String capability, String reason,
                         String suggestedLabel, Double suggestedConfidence, JsonNode attempts, String status,
                         Instant createdAt, Instant deadline, String text, List<String> labels, Kind kind,
                         Resolution resolution, RequestState request) {

    /** Why a person looks at it: a referral (no tier was sure, or no flow serves it) or a contested decision. */
    public enum Kind {
        REFERRAL, CONTEST;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a person resolved the item.
     *
     * @param choice {@code intent}, {@code out-of-scope}, {@code answer}, {@code uphold} or {@code overturn}
     * @param intent the intent chosen, with {@code intent} and an {@code overturn} that re-ran the request; else null
     * @param note   the reviewer's note, pseudonymised as request texts are
     */
    public record Resolution(String by, Instant at, String choice, String intent, String note) {
    }

    /**
     * Where the request stands: {@code status} {@code in-progress}, {@code completed}, {@code failed} (and any status
     * the ledger adds), {@code outcome} as its answer says ({@code completed}, {@code referred}, ...).
     */
    public record RequestState(String status, String outcome, String route) {
    }

    /** Waiting for a person. */
    @JsonIgnore
    public boolean pending() {
        return ReviewQueue.PENDING.equalsIgnoreCase(status);
    }

    /** The same item with the labels a reviewer may choose from. */
    public ReviewItem withLabels(List<String> choices) {
        return new ReviewItem(reviewId, requestId, tenant, capability, reason, suggestedLabel, suggestedConfidence,
                attempts, status, createdAt, deadline, text, List.copyOf(choices), kind, resolution, request);
    }
}
