package io.agenthub.capability;

import java.util.List;

/** One step of a cascade. Implementations validate nothing themselves: the cascade checks every answer the same way. */
interface Tier {

    TierDeclaration declaration();

    /** Answers the question, seeing what the earlier tiers said. */
    TierAttempt attempt(Question question, List<TierAttempt> earlier);
}
