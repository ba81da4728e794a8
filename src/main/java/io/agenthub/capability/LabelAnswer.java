package io.agenthub.capability;

/**
 * What a classifying tier said, before it is judged: a label, how sure it is (null when a generative model did not
 * say) and what the call cost (null for in-process tiers).
 */
public record LabelAnswer(String label, Double confidence, TierAttempt.Usage usage) {
}
