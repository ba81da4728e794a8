package io.agenthub.capability;

import java.util.List;

/** One step of a cascade. Implementations validate nothing themselves: the cascade checks every answer the same way. */
interface Tier {

    TierDeclaration declaration();

    /** Answers the text, seeing what the earlier tiers said. */
    TierAttempt attempt(String text, List<TierAttempt> earlier);
}
