package io.agenthub.capability;

/**
 * What a classifying tier said, before it is judged: a label, how sure it is (null when a generative model did not
 * say), what the call cost (null for in-process tiers) and, for a tier with a familiarity gate, how like its training
 * examples the request is (null otherwise).
 */
public record LabelAnswer(String label, Double confidence, TierAttempt.Usage usage, Double familiarity) {

    public LabelAnswer(String label, Double confidence, TierAttempt.Usage usage) {
        this(label, confidence, usage, null);
    }
}
