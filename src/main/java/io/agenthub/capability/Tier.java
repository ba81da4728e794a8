package io.agenthub.capability;

import java.util.List;

/**
 * One step of a cascade: asks its model and returns what it said. It judges nothing, times nothing and catches
 * nothing: the {@link Cascade} does that the same way for every tier, and the tier's {@link Judge} decides whether
 * the answer stands.
 *
 * @param <Q> what a request asks
 * @param <A> what the tier answers, before it is judged
 * @param <T> the attempts the trace keeps; later tiers see the earlier ones
 */
public interface Tier<Q, A, T> {

    TierDeclaration declaration();

    /** What answers, as the trace names it: a model version, or a generative model's provider and name. */
    String model();

    /** The digest of exactly what ran (trained heads, word lists, prompt template); null while not yet loaded. */
    String digest();

    /**
     * Asks the model, seeing what the earlier tiers said.
     *
     * @throws NoAnswer when the model answered, but not with anything that can be judged
     */
    A answer(Q question, List<T> earlier) throws Exception;

    /**
     * Why {@link #answer} failed, in the words the attempt records. A failure that is the hub's rather than this
     * tier's (an in-process encoder that breaks) is thrown on instead, and fails the request.
     */
    String failure(Exception e);
}
