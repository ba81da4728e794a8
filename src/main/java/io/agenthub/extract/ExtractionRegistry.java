package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.capability.TierDeclaration;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The extraction capabilities declared in {@code processors/*.yaml} ({@code task: extract}), each built into its
 * cascade once: schema and prompt read from the version the declaration names, recognisers loaded, generative
 * tiers connected. Classification capabilities in the same folder are {@link CapabilityRegistry}'s.
 */
public final class ExtractionRegistry implements AutoCloseable {

    private final Map<String, ExtractionCascade> cascades;
    private final List<GgufExtractionTier> inProcessModels;

    private ExtractionRegistry(Map<String, ExtractionCascade> cascades, List<GgufExtractionTier> inProcessModels) {
        this.cascades = cascades;
        this.inProcessModels = inProcessModels;
    }

    /**
     * @param redaction how the request text is redacted before a prompt holds it ({@link PromptRedaction#NONE} where
     *                  the text reaching the cascade is already pseudonymised)
     */
    public static ExtractionRegistry build(List<CapabilityDeclaration> declarations, CapabilityRegistry.ModelLocator models,
                                           ObjectMapper json, MeterRegistry meters, LangChain4jLlmTiers llms,
                                           PromptRedaction redaction) throws IOException {
        Map<String, ExtractionCascade> cascades = new LinkedHashMap<>();
        List<GgufExtractionTier> generative = new ArrayList<>();
        for (CapabilityDeclaration declaration : declarations) {
            if (declaration.task() != CapabilityDeclaration.Task.EXTRACT) {
                continue;
            }
            String capability = declaration.capability();
            Map<String, ExtractionModel> loaded = new LinkedHashMap<>();
            ExtractionModel schemaVersion = load(loaded, models, capability, declaration.schema(), json);
            SlotSchema schema = SlotSchema.read(capability, declaration.schema(), schemaVersion.file("schema.json"), json);
            List<ExtractionTier> tiers = new ArrayList<>();
            for (TierDeclaration tier : declaration.tiers()) {
                switch (tier.kind()) {
                    case RECOGNIZERS -> {
                        ExtractionModel model = load(loaded, models, capability, tier.modelVersions().get(0), json);
                        tiers.add(new RecognizerTier(tier, model.id(), model.digest(), model.extractor(), new SlotJson(json)));
                    }
                    case LLM -> tiers.add(new LlmExtractionTier(capability, tier, llms.chatModel(capability, tier),
                            schemaVersion.text("prompt.txt"), schema, redaction, LangChain4jLlmTiers.breaker(capability), json));
                    case GGUF -> {
                        GgufExtractionTier gguf = new GgufExtractionTier(capability, tier, schemaVersion.text("prompt.txt"),
                                schema, redaction, json);
                        generative.add(gguf);
                        tiers.add(gguf);
                    }
                    case REVIEW_QUEUE -> tiers.add(new PeopleTier(tier));
                    case ENCODER_HEAD -> throw new IllegalArgumentException("capability " + capability + " tier " + tier.name()
                            + ": an encoder head classifies; an extraction capability's in-process tier is kind: recognizers");
                }
            }
            if (cascades.put(capability, new ExtractionCascade(capability, schema, tiers, meters)) != null) {
                throw new IllegalArgumentException("capability " + capability + " is declared twice");
            }
        }
        return new ExtractionRegistry(cascades, List.copyOf(generative));
    }

    /** Frees the memory of the GGUF models loaded. */
    @Override
    public void close() {
        inProcessModels.forEach(GgufExtractionTier::close);
    }

    private static ExtractionModel load(Map<String, ExtractionModel> loaded, CapabilityRegistry.ModelLocator models,
                                        String capability, String version, ObjectMapper json) throws IOException {
        ExtractionModel model = loaded.get(version);
        if (model == null) {
            model = ExtractionModel.load(models.version(capability, version), json);
            loaded.put(version, model);
        }
        return model;
    }

    public Optional<ExtractionCascade> find(String capability) {
        return Optional.ofNullable(cascades.get(capability));
    }

    public ExtractionCascade get(String capability) {
        return find(capability).orElseThrow(() -> new IllegalArgumentException(
                "no extraction capability '" + capability + "' in processors/; declared: " + cascades.keySet()));
    }

    /** The last tier: people. It never answers; the cascade stops before it. */
    private record PeopleTier(TierDeclaration declaration) implements ExtractionTier {

        @Override
        public ExtractionAttempt attempt(ExtractionRequest request, List<ExtractionAttempt> earlier) {
            throw new IllegalStateException("the review queue is not asked; the cascade stops before it");
        }
    }
}
