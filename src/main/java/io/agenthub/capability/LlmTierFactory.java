package io.agenthub.capability;

/** Builds the generative tier of a capability from its declaration. */
@FunctionalInterface
public interface LlmTierFactory {

    /**
     * @param labels           the answers the tier may give (the encoder heads' labels)
     * @param outOfScopeLabel  the capability's out-of-scope label, or null
     */
    Tier create(String capability, TierDeclaration declaration, java.util.Set<String> labels, String outOfScopeLabel);
}
