package io.agenthub.capability;

import java.util.List;

/** The last tier: people. It never answers in process; reaching it means the request is escalated. */
final class ReviewQueueTier implements Tier {

    private final TierDeclaration declaration;

    ReviewQueueTier(TierDeclaration declaration) {
        this.declaration = declaration;
    }

    @Override
    public TierDeclaration declaration() {
        return declaration;
    }

    @Override
    public TierAttempt attempt(Question question, List<TierAttempt> earlier) {
        throw new IllegalStateException("the review queue is not asked; the cascade stops before it");
    }
}
