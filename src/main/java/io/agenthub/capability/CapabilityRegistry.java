package io.agenthub.capability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classifying capabilities declared in {@code processors/*.yaml}, each built into its cascade: model versions
 * loaded, encoders shared through one pool. Integrators change tiers and thresholds there, without recompiling;
 * {@link #replace} rebuilds one from its changed file while the hub runs. Extracting capabilities in the same folder
 * are {@code io.agenthub.extract.ExtractionRegistry}'s.
 */
public final class CapabilityRegistry extends DeclaredCapabilities<CapabilityCascade> implements AutoCloseable {

    /** Finds the files of a model version: {@code models/<capability>/<version>/...}. */
    @FunctionalInterface
    public interface ModelLocator {
        IntentModel.VersionFiles version(String capability, String version);
    }

    private final ModelLocator models;
    private final EncoderPool pool;
    private final ObjectMapper json;
    private final LangChain4jLlmTiers llms;

    private CapabilityRegistry(ModelLocator models, EncoderPool pool, ObjectMapper json, LangChain4jLlmTiers llms) {
        super(CapabilityDeclaration.Task.CLASSIFY);
        this.models = models;
        this.pool = pool;
        this.json = json;
        this.llms = llms;
    }

    public static CapabilityRegistry build(List<CapabilityDeclaration> declarations, ModelLocator models,
                                           EncoderPool pool, ObjectMapper json, LangChain4jLlmTiers llms) throws IOException {
        CapabilityRegistry registry = new CapabilityRegistry(models, pool, json, llms);
        registry.buildAll(declarations);
        return registry;
    }

    @Override
    protected void swap(CapabilityCascade running, CapabilityCascade rebuilt) {
        running.replaceWith(rebuilt);
    }

    @Override
    protected CapabilityCascade cascade(CapabilityDeclaration declaration) throws IOException {
        String capability = declaration.capability();
        List<Tier<Question, LabelAnswer, TierAttempt>> tiers = new ArrayList<>();
        Set<String> labels = new LinkedHashSet<>();
        String outOfScope = null;
        // a version named by two tiers (alone, then in an ensemble) is loaded once
        Map<String, IntentModel> loaded = new LinkedHashMap<>();
        for (TierDeclaration tier : declaration.tiers()) {
            if (tier instanceof TierDeclaration.EncoderHead head) {
                List<IntentModel> members = new ArrayList<>();
                for (String version : head.modelVersions()) {
                    IntentModel model = loaded.get(version);
                    if (model == null) {
                        model = IntentModel.load(models.version(capability, version), json, pool.catalog());
                        loaded.put(version, model);
                    }
                    members.add(model);
                }
                IntentEnsemble ensemble = new IntentEnsemble(members, new IntentEnsemble.Settings(
                        head.weights(), head.outOfScopeThreshold(), head.outOfScopeFamiliarity()));
                labels.addAll(ensemble.labels());
                if (ensemble.outOfScope() != null) {
                    outOfScope = ensemble.outOfScope().label();
                    labels.add(outOfScope);
                }
                tiers.add(new EncoderHeadTier(head, ensemble, pool));
            } else if (tier instanceof TierDeclaration.Llm llm) {
                tiers.add(new LlmTier(capability, llm, llms.chatModel(llm), llms.breaker(capability),
                        LangChain4jLlmTiers.classificationPrompt(), Set.copyOf(labels), outOfScope, json));
            } else if (tier instanceof TierDeclaration.ReviewQueue people) {
                tiers.add(new PeopleTier<>(people));
            } else {
                throw new IllegalArgumentException("capability " + capability + " tier " + tier.name() + ": "
                        + tier.kind().declared() + " tiers extract; declare task: extract");
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("capability " + capability
                    + " has no encoder-head tier, so no label set to validate answers against");
        }
        Set<String> allowed = Set.copyOf(labels);
        List<Cascade.Stage<Question, LabelAnswer, TierAttempt>> stages = new ArrayList<>();
        for (Tier<Question, LabelAnswer, TierAttempt> tier : tiers) {
            stages.add(new Cascade.Stage<>(tier, new LabelJudge(allowed, threshold(tier.declaration()),
                    minFamiliarity(tier.declaration()), knownWords(tier.declaration()))));
        }
        return new CapabilityCascade(capability, new Cascade<>(stages, null), allowed, outOfScope);
    }

    /** The calibrated confidence a tier's answer must reach; generative tiers' default to 0 (any valid label). */
    private static double threshold(TierDeclaration tier) {
        if (tier instanceof TierDeclaration.EncoderHead head) {
            return head.threshold();
        }
        return tier instanceof TierDeclaration.Llm llm ? llm.thresholdOrZero() : 0.0;
    }

    /** The familiarity gate of an encoder-head tier (null: none). */
    private static Double minFamiliarity(TierDeclaration tier) {
        return tier instanceof TierDeclaration.EncoderHead head ? head.minFamiliarity() : null;
    }

    /** An encoder-head tier's known-words gate, its list read from models/ ({@code pii-tagger/common-words.txt}); null: none. */
    private KnownWords knownWords(TierDeclaration tier) throws IOException {
        if (!(tier instanceof TierDeclaration.EncoderHead head) || head.knownWords() == null) {
            return null;
        }
        TierDeclaration.KnownWordsGate gate = head.knownWords();
        int slash = gate.list().indexOf('/');
        try (InputStream in = models.version(gate.list().substring(0, slash), "").open(gate.list().substring(slash + 1))) {
            return KnownWords.read(in, gate.minShare());
        }
    }

    /** The encoders every capability shares, with their micro-batchers. */
    public EncoderPool encoders() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
