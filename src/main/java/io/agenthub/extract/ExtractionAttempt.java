package io.agenthub.extract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.capability.Cascade;
import io.agenthub.capability.TierAttempt;
import io.agenthub.capability.TierKind;

import java.util.List;

/**
 * One tier's answer to an extraction request, kept whether or not it was valid: what ran (model version, or the
 * prompt's digest), the slots it gave, how long it took, and every reason it was rejected (schema violations,
 * words not in the request, a failed call).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtractionAttempt(String tier, TierKind kind, String model, String digest, ObjectNode slots, double latencyMs,
                                boolean valid, List<String> errors, TierAttempt.Usage usage) implements Cascade.Attempt {

    /** Valid is what accepted means for an extraction. */
    @Override
    public boolean accepted() {
        return valid;
    }
}
