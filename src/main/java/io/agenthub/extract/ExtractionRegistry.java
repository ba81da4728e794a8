package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.DeclaredCapabilities;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.capability.PeopleTier;
import io.agenthub.capability.Tier;
import io.agenthub.capability.TierAnswers;
import io.agenthub.capability.TierDeclaration;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The extracting capabilities declared in {@code processors/*.yaml} ({@code task: extract}), each built into its
 * cascade: schema and prompt read from the version the declaration names, recognisers loaded, generative tiers
 * connected; {@link #replace} rebuilds one from its changed file while the hub runs. Classifying capabilities in the
 * same folder are {@link CapabilityRegistry}'s.
 */
public final class ExtractionRegistry extends DeclaredCapabilities<ExtractionCascade> implements AutoCloseable {

    /**
     * Every GGUF tier built, by what it loads: a reload that keeps a tier as it was keeps its loaded model, and the
     * models are freed when the hub stops (a request may still be generating with a replaced one).
     */
    private final Map<String, GgufExtractionTier> ggufs = new LinkedHashMap<>();
    private final CapabilityRegistry.ModelLocator models;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final LangChain4jLlmTiers llms;
    private final PromptRedaction redaction;
    private final TokenEncoders encoders;

    private ExtractionRegistry(CapabilityRegistry.ModelLocator models, ObjectMapper json, MeterRegistry meters,
                               LangChain4jLlmTiers llms, PromptRedaction redaction, TokenEncoders encoders) {
        super(CapabilityDeclaration.Task.EXTRACT);
        this.models = models;
        this.json = json;
        this.meters = meters;
        this.llms = llms;
        this.redaction = redaction;
        this.encoders = encoders;
    }

    /**
     * @param redaction how the request text is redacted before a prompt holds it ({@link PromptRedaction#NONE} where
     *                  the text reaching the cascade is already pseudonymised)
     */
    public static ExtractionRegistry build(List<CapabilityDeclaration> declarations, CapabilityRegistry.ModelLocator models,
                                           ObjectMapper json, MeterRegistry meters, LangChain4jLlmTiers llms,
                                           PromptRedaction redaction) throws IOException {
        return build(declarations, models, json, meters, llms, redaction, TokenEncoders.NONE);
    }

    /** @param encoders the encoders of the versions whose token tagger decides spans (banking-slots from v2) */
    public static ExtractionRegistry build(List<CapabilityDeclaration> declarations, CapabilityRegistry.ModelLocator models,
                                           ObjectMapper json, MeterRegistry meters, LangChain4jLlmTiers llms,
                                           PromptRedaction redaction, TokenEncoders encoders) throws IOException {
        ExtractionRegistry registry = new ExtractionRegistry(models, json, meters, llms, redaction, encoders);
        registry.buildAll(declarations);
        return registry;
    }

    @Override
    protected void swap(ExtractionCascade running, ExtractionCascade rebuilt) {
        running.replaceWith(rebuilt);
    }

    @Override
    protected ExtractionCascade cascade(CapabilityDeclaration declaration) throws IOException {
        String capability = declaration.capability();
        Map<String, ExtractionModel> loaded = new LinkedHashMap<>();
        ExtractionModel schemaVersion = load(loaded, capability, declaration.schema());
        SlotSchema schema = SlotSchema.read(capability, declaration.schema(), schemaVersion.file("schema.json"), json);
        List<Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt>> tiers = new ArrayList<>();
        Map<String, GgufExtractionTier> built = new LinkedHashMap<>();
        for (TierDeclaration tier : declaration.tiers()) {
            if (tier instanceof TierDeclaration.Recognizers recognizers) {
                tiers.add(new RecognizerTier(recognizers, load(loaded, capability, recognizers.model()), new SlotJson(json)));
            } else if (tier instanceof TierDeclaration.Llm llm) {
                tiers.add(new LlmExtractionTier(capability, llm, llms.chatModel(llm), llms.breaker(capability),
                        schemaVersion.text("prompt.txt"), schema, redaction, json));
            } else if (tier instanceof TierDeclaration.Gguf gguf) {
                String key = capability + " " + declaration.schema() + " " + gguf;
                GgufExtractionTier same = ggufs.get(key);
                GgufExtractionTier local = same != null ? same
                        : new GgufExtractionTier(capability, gguf, schemaVersion.text("prompt.txt"), schema, redaction, json);
                built.put(key, local);
                tiers.add(local);
            } else if (tier instanceof TierDeclaration.ReviewQueue people) {
                tiers.add(new PeopleTier<>(people));
            } else {
                throw new IllegalArgumentException("capability " + capability + " tier " + tier.name()
                        + ": an encoder head classifies; an extraction capability's in-process tier is kind: recognizers");
            }
        }
        ggufs.putAll(built);  // only once the whole capability has been built
        return new ExtractionCascade(declaration, schema, tiers,
                new TierAnswers(meters, ExtractionCascade.METRIC, ExtractionCascade.METRIC_DESCRIPTION, capability));
    }

    /** Frees the memory of the GGUF models loaded. */
    @Override
    public void close() {
        ggufs.values().forEach(GgufExtractionTier::close);
    }

    private ExtractionModel load(Map<String, ExtractionModel> loaded, String capability, String version) throws IOException {
        ExtractionModel model = loaded.get(version);
        if (model == null) {
            model = ExtractionModel.load(models.version(capability, version), json, encoders);
            loaded.put(version, model);
        }
        return model;
    }
}
