package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.PolicyVerdict;

import java.time.Instant;
import java.util.List;

/**
 * Why the hub decided what it did about one request, for the person it concerns (GDPR Art. 22) and for the
 * staff who answer them: what it read (as tokens), which models judged it, how sure each was, which rules
 * then decided, which back-ends acted, what people decided on review, and how to contest it. {@code summary} says it
 * all in sentences.
 *
 * @param automated true when no person took part in the decision
 * @param reviews   what people decided on review: a referral resolved, a contested decision upheld or overturned
 */
public record DecisionExplanation(String requestId, String tenant, String subjectId, Instant receivedAt,
                                  Instant decidedAt, Input input, Decision decision, boolean automated,
                                  List<JsonNode> modelAttempts, List<PolicyVerdict> rules, List<BackendCall> backendCalls,
                                  List<String> contested, List<Review> reviews, String summary, Contest contest) {

    /** What the models read: the text with personal data as tokens, its digest, and what was redacted. */
    public record Input(String text, String textDigest, JsonNode redacted) {
    }

    /** What was decided. */
    public record Decision(String intent, Double confidence, String tier, String model, boolean escalated,
                           String route, String outcome, String message, JsonNode actions) {
    }

    /** A back-end the hub called for the request. */
    public record BackendCall(String connector, String operation, Integer status) {
    }

    /**
     * A person's resolution of the request's review item.
     *
     * @param kind   {@code referral} or {@code contest}
     * @param choice {@code intent}, {@code out-of-scope}, {@code answer}, {@code uphold} or {@code overturn}
     * @param intent the intent the person chose, if any
     * @param note   the person's note, with personal data as tokens
     */
    public record Review(long reviewId, String kind, String by, Instant at, String choice, String intent, String note) {
    }

    /** How to ask for a person's review of the decision. */
    public record Contest(String method, String path, String body, String effect) {
    }
}
