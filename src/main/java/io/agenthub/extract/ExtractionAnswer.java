package io.agenthub.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What a capability's extraction concluded: the first valid answer and the tier that gave it, or, when no tier
 * gave one, {@code valid} false, no slots and tier {@code people} (the request waits for a person), with every
 * attempt and its errors.
 */
public record ExtractionAnswer(String id, String capability, ObjectNode slots, boolean valid, String tier,
                               List<ExtractionAttempt> attempts) {
}
