package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.agenthub.api.PiiType;

import java.util.List;
import java.util.Set;

/**
 * A capability as {@code processors/<capability>.yaml} declares it: what it answers and its tiers in order.
 *
 * @param task   {@code classify} (the default: one label per request) or {@code extract} (typed fields as JSON)
 * @param schema extract: the model version whose {@code schema.json} every tier's answer must validate against
 * @param reidentify extract, in the hub: the personal-data types whose values the in-process tiers read in clear
 *                   (a date must be read to be resolved); generative tiers always get tokens, and the answer is
 *                   stored with its tokens back
 */
public record CapabilityDeclaration(@JsonProperty(required = true) String capability, String description, Task task,
                                    String schema, Set<PiiType> reidentify,
                                    @JsonProperty(required = true) List<TierDeclaration> tiers) {

    /** What a capability gives back. */
    public enum Task {
        @JsonProperty("classify") CLASSIFY,
        @JsonProperty("extract") EXTRACT
    }

    public CapabilityDeclaration {
        task = task == null ? Task.CLASSIFY : task;
        reidentify = reidentify == null ? Set.of() : Set.copyOf(reidentify);
        if (task == Task.EXTRACT && (schema == null || schema.isBlank())) {
            throw new IllegalArgumentException("capability " + capability + " extracts, so it needs schema: <version> (models/"
                    + capability + "/<version>/schema.json)");
        }
        if (capability == null || !capability.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("capability id must be kebab-case, was " + capability);
        }
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("capability " + capability + " declares no tiers");
        }
        for (TierDeclaration tier : tiers) {
            if (tier == null || tier.name() == null || tier.name().isBlank()) {
                throw new IllegalArgumentException("capability " + capability + ": every tier needs a name");
            }
        }
        tiers = List.copyOf(tiers);
    }
}
