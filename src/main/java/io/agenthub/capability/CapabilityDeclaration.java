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
            if (tier.kind() == TierKind.ENCODER_HEAD && tier.modelVersions().isEmpty()) {
                throw new IllegalArgumentException("capability " + capability + " tier " + tier.name()
                        + " needs a model version (model: vN) or several (models: [vN, vM])");
            }
            if (tier.model() != null && tier.models() != null) {
                throw new IllegalArgumentException("capability " + capability + " tier " + tier.name()
                        + " names both model and models; use one");
            }
        }
        tiers = List.copyOf(tiers);
    }
}
