package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One tier's attempt at a request, kept whether or not it was accepted: which model version answered
 * (and the digest of exactly what ran: the trained heads and encoders, or the prompt template), what it
 * said, how sure it was, how long it took, and why it was not accepted.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TierAttempt(String tier, TierKind kind, String model, String digest, String label, Double confidence,
                          double latencyMs, boolean accepted, String rejection, Usage usage) implements Cascade.Attempt {

    /** How a rejection by a tier's familiarity gate begins ({@code familiarity 0.612 below minimum 0.700}). */
    static final String UNFAMILIAR = "familiarity ";

    /** Rejected by the tier's familiarity or known-words gate: no threshold on its confidence would have let it answer. */
    public boolean rejectedAsUnfamiliar() {
        return rejection != null && (rejection.startsWith(UNFAMILIAR) || rejection.startsWith(KnownWords.REJECTION));
    }

    /** Tokens and cost of a generative tier's call; null for in-process tiers, which cost no tokens. */
    public record Usage(Integer inputTokens, Integer outputTokens, double cost) {

        /** The tokens a generative tier's call used, priced with its budget's {@code costPer1kTokens}; null when not reported. */
        public static Usage of(dev.langchain4j.model.chat.response.ChatResponse response, TierDeclaration.Budget budget) {
            if (response.tokenUsage() == null) {
                return null;
            }
            Integer in = response.tokenUsage().inputTokenCount();
            Integer out = response.tokenUsage().outputTokenCount();
            double per1k = budget != null && budget.costPer1kTokens() != null ? budget.costPer1kTokens() : 0.0;
            int total = (in == null ? 0 : in) + (out == null ? 0 : out);
            return new Usage(in, out, total * per1k / 1000.0);
        }
    }
}
