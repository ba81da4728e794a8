package io.agenthub.capability;

import java.util.List;

/** A capability as {@code processors/<capability>.yaml} declares it: what it answers and its tiers in order. */
public record CapabilityDeclaration(String capability, String description, List<TierDeclaration> tiers) {

    public CapabilityDeclaration {
        if (capability == null || !capability.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("capability id must be kebab-case, was " + capability);
        }
        if (tiers == null || tiers.isEmpty()) {
            throw new IllegalArgumentException("capability " + capability + " declares no tiers");
        }
        for (TierDeclaration tier : tiers) {
            if (tier.name() == null || tier.kind() == null) {
                throw new IllegalArgumentException("capability " + capability + ": every tier needs a name and a kind");
            }
            if (tier.kind() == TierKind.ENCODER_HEAD && tier.model() == null) {
                throw new IllegalArgumentException("capability " + capability + " tier " + tier.name() + " needs a model version");
            }
        }
        tiers = List.copyOf(tiers);
    }
}
