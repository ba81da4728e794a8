package io.agenthub.capability;

import java.util.List;

/** The last tier of every cascade: people. It is never asked; the cascade stops before it and the request is escalated. */
public record PeopleTier<Q, A, T>(TierDeclaration.ReviewQueue declaration) implements Tier<Q, A, T> {

    @Override
    public String model() {
        return null;
    }

    @Override
    public String digest() {
        return null;
    }

    @Override
    public A answer(Q question, List<T> earlier) {
        throw new IllegalStateException("the review queue is not asked; the cascade stops before it");
    }

    @Override
    public String failure(Exception e) {
        throw new IllegalStateException(e);
    }
}
