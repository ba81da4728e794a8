package io.agenthub.capability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The capabilities declared in {@code processors/*.yaml}, each built into its cascade once: model
 * versions loaded, encoders shared through one pool. Integrators change tiers and thresholds there,
 * without recompiling.
 */
public final class CapabilityRegistry implements AutoCloseable {

    /** Finds the files of a model version: {@code models/<capability>/<version>/...}. */
    @FunctionalInterface
    public interface ModelLocator {
        IntentModel.VersionFiles version(String capability, String version);
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, CapabilityCascade> cascades;
    private final EncoderPool pool;

    private CapabilityRegistry(Map<String, CapabilityCascade> cascades, EncoderPool pool) {
        this.cascades = cascades;
        this.pool = pool;
    }

    public static CapabilityDeclaration parse(InputStream yaml) throws IOException {
        return YAML.readValue(yaml, CapabilityDeclaration.class);
    }

    public static CapabilityRegistry build(List<CapabilityDeclaration> declarations, ModelLocator models,
                                           EncoderPool pool, ObjectMapper json, LlmTierFactory llms) throws IOException {
        Map<String, CapabilityCascade> cascades = new LinkedHashMap<>();
        for (CapabilityDeclaration declaration : declarations) {
            if (declaration.task() != CapabilityDeclaration.Task.CLASSIFY) {
                continue;  // extraction capabilities: io.agenthub.extract.ExtractionRegistry
            }
            List<Tier> tiers = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            String outOfScope = null;
            // a version named by two tiers (alone, then in an ensemble) is loaded once
            Map<String, IntentModel> loaded = new LinkedHashMap<>();
            for (TierDeclaration tier : declaration.tiers()) {
                switch (tier.kind()) {
                    case ENCODER_HEAD -> {
                        List<IntentModel> members = new ArrayList<>();
                        for (String version : tier.modelVersions()) {
                            IntentModel model = loaded.get(version);
                            if (model == null) {
                                model = IntentModel.load(models.version(declaration.capability(), version), json,
                                        pool.catalog());
                                loaded.put(version, model);
                            }
                            members.add(model);
                        }
                        IntentEnsemble ensemble = new IntentEnsemble(members, new IntentEnsemble.Settings(
                                tier.weights(), tier.outOfScopeThreshold(), tier.outOfScopeFamiliarity()));
                        labels.addAll(ensemble.labels());
                        if (ensemble.outOfScope() != null) {
                            outOfScope = ensemble.outOfScope().label();
                            labels.add(outOfScope);
                        }
                        tiers.add(new EncoderHeadTier(tier, ensemble, pool));
                    }
                    case LLM -> tiers.add(llms.create(declaration.capability(), tier, Set.copyOf(labels), outOfScope));
                    case REVIEW_QUEUE -> tiers.add(new ReviewQueueTier(tier));
                    case RECOGNIZERS, GGUF -> throw new IllegalArgumentException("capability " + declaration.capability()
                            + " tier " + tier.name() + ": " + tier.kind().name().toLowerCase() + " tiers extract; declare task: extract");
                }
            }
            if (labels.isEmpty()) {
                throw new IllegalArgumentException("capability " + declaration.capability()
                        + " has no encoder-head tier, so no label set to validate answers against");
            }
            if (cascades.put(declaration.capability(), new CapabilityCascade(declaration.capability(), tiers, labels)) != null) {
                throw new IllegalArgumentException("capability " + declaration.capability() + " is declared twice");
            }
        }
        return new CapabilityRegistry(cascades, pool);
    }

    /** The encoders every capability shares, with their micro-batchers. */
    public EncoderPool encoders() {
        return pool;
    }

    public Optional<CapabilityCascade> find(String capability) {
        return Optional.ofNullable(cascades.get(capability));
    }

    public CapabilityCascade get(String capability) {
        return find(capability).orElseThrow(() -> new IllegalArgumentException(
                "no capability '" + capability + "' in processors/; declared: " + cascades.keySet()));
    }

    @Override
    public void close() {
        pool.close();
    }
}
