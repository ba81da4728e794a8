package io.agenthub.extract;

import io.agenthub.capability.TierDeclaration;

import java.util.List;

/** One tier of an extraction capability: answers a request, given the earlier tiers' attempts and their errors. */
public interface ExtractionTier {

    TierDeclaration declaration();

    ExtractionAttempt attempt(ExtractionRequest request, List<ExtractionAttempt> earlier);
}
