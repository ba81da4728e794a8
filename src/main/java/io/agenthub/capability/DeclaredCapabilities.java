package io.agenthub.capability;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The capabilities of one task declared in {@code processors/*.yaml}, each built into its cascade once, and rebuilt
 * from its changed file by {@link #replace} while the hub runs ({@code run --reload}).
 *
 * @param <C> the capability as routes and commands hold it: a cascade whose tiers a reload swaps in place
 */
public abstract class DeclaredCapabilities<C> {

    private final CapabilityDeclaration.Task task;
    private final Map<String, C> cascades = new LinkedHashMap<>();

    protected DeclaredCapabilities(CapabilityDeclaration.Task task) {
        this.task = task;
    }

    /** Builds every declaration of this task; the others are another registry's. */
    protected final void buildAll(List<CapabilityDeclaration> declarations) throws IOException {
        for (CapabilityDeclaration declaration : declarations) {
            if (declaration.task() == task && cascades.put(declaration.capability(), cascade(declaration)) != null) {
                throw new IllegalArgumentException("capability " + declaration.capability() + " is declared twice");
            }
        }
    }

    /** The cascade of one declaration: models loaded, tiers connected. */
    protected abstract C cascade(CapabilityDeclaration declaration) throws IOException;

    /** Makes {@code running} answer with {@code rebuilt}'s tiers from its next request on. */
    protected abstract void swap(C running, C rebuilt);

    /**
     * Runs {@code declaration} in place of the running version of its capability, from the next request on. Nothing
     * changes when it cannot be built (a model version that is not there): the exception says why.
     */
    public synchronized void replace(CapabilityDeclaration declaration) throws IOException {
        C running = get(declaration.capability());
        swap(running, cascade(declaration));
    }

    public Optional<C> find(String capability) {
        return Optional.ofNullable(cascades.get(capability));
    }

    public C get(String capability) {
        return find(capability).orElseThrow(() -> new IllegalArgumentException("no "
                + (task == CapabilityDeclaration.Task.EXTRACT ? "extraction " : "") + "capability '" + capability
                + "' in processors/; declared: " + cascades.keySet()));
    }
}
