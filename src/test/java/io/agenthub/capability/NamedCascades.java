package io.agenthub.capability;

import java.util.Set;

/** Cascades that are only a name, for tests of what chooses between capabilities (never classifying anything). */
public final class NamedCascades {

    private NamedCascades() {
    }

    public static CapabilityCascade named(String capability) {
        return new CapabilityCascade(capability, null, Set.of("any"));
    }
}
