package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;

/**
 * One tier as {@code processors/<capability>.yaml} declares it, typed by its {@code kind:}. Each kind takes only
 * its own fields and requires what it cannot run without, so a misspelt or missing field is refused when the file
 * is read ({@link DeclarationReader} names the file, the tier and the field) rather than ignored until a request.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TierDeclaration.EncoderHead.class, name = "encoder-head"),
        @JsonSubTypes.Type(value = TierDeclaration.Recognizers.class, name = "recognizers"),
        @JsonSubTypes.Type(value = TierDeclaration.Llm.class, name = "llm"),
        @JsonSubTypes.Type(value = TierDeclaration.Gguf.class, name = "gguf"),
        @JsonSubTypes.Type(value = TierDeclaration.ReviewQueue.class, name = "review-queue")})
public sealed interface TierDeclaration {

    String name();

    TierKind kind();

    /** {@code enabled: false} keeps the tier declared but skipped (the generative tiers are off by default). */
    Boolean enabled();

    default boolean isEnabled() {
        return enabled() == null || enabled();
    }

    /**
     * Trained heads on in-process encoders: one model version, or several answering as an ensemble.
     *
     * @param model      the model version folder under {@code models/<capability>/}
     * @param models     several model versions answering as an ensemble (instead of {@code model})
     * @param weights    one weight per model of an ensemble (default equal); 0 keeps a model out of the vote, e.g. a
     *                   nearest-neighbour model there only to judge familiarity
     * @param threshold  the calibrated confidence an answer must reach to be accepted at this tier
     * @param outOfScopeThreshold below this best in-scope probability the answer is the out-of-scope label;
     *                   replaces the model card's (tuned for one model alone)
     * @param outOfScopeFamiliarity with a nearest-neighbour model: below this familiarity (mean similarity of the
     *                   nearest in-scope training examples) the answer is out of scope
     * @param minFamiliarity for capabilities without an out-of-scope label: below this familiarity (the mean cosine
     *                   similarity of the request's nearest training examples, from the tier's nearest-neighbour
     *                   model) the tier does not answer and the request moves on, so gibberish, other languages and
     *                   token-only texts go to people instead of getting a confident intent
     * @param knownWords a gate on words: below {@code minShare} of the request's words in the {@code list} (a file
     *                   under models/, one word per line) the tier does not answer, so requests in another language
     *                   go to people even where their vectors land near an intent's
     */
    record EncoderHead(@JsonProperty(required = true) String name, String model, List<String> models, List<Double> weights,
                       @JsonProperty(required = true) double threshold, Double outOfScopeThreshold,
                       Double outOfScopeFamiliarity, Double minFamiliarity, KnownWordsGate knownWords, Boolean enabled)
            implements TierDeclaration {

        public EncoderHead(String name, String model, List<String> models, List<Double> weights, double threshold,
                           Double outOfScopeThreshold, Double outOfScopeFamiliarity, Double minFamiliarity, Boolean enabled) {
            this(name, model, models, weights, threshold, outOfScopeThreshold, outOfScopeFamiliarity, minFamiliarity, null,
                    enabled);
        }

        public EncoderHead {
            requireProbability(threshold);
            if (minFamiliarity != null && !(minFamiliarity >= -1 && minFamiliarity <= 1)) {
                throw new IllegalArgumentException("minFamiliarity is a cosine similarity, between -1 and 1; was " + minFamiliarity);
            }
            if (model != null && models != null) {
                throw new IllegalArgumentException("names both model and models; use one");
            }
            if (model == null && (models == null || models.isEmpty())) {
                throw new IllegalArgumentException("needs a model version (model: vN) or several (models: [vN, vM])");
            }
            models = models == null ? List.of(model) : List.copyOf(models);
        }

        /** The model versions that answer: {@code models}, or the one {@code model}. */
        public List<String> modelVersions() {
            return models;
        }

        @Override
        public TierKind kind() {
            return TierKind.ENCODER_HEAD;
        }
    }

    /**
     * A known-words gate: {@code list} is a word list under models/ ({@code pii-tagger/common-words.txt}), {@code minShare}
     * the share of a request's words it must hold for the tier to answer.
     */
    record KnownWordsGate(@JsonProperty(required = true) String list, @JsonProperty(required = true) double minShare) {

        public KnownWordsGate {
            if (list.indexOf('/') < 1 || list.endsWith("/") || list.contains("..")) {
                throw new IllegalArgumentException("knownWords.list is a file under models/, e.g. pii-tagger/common-words.txt; was '"
                        + list + "'");
            }
            if (!(minShare >= 0 && minShare <= 1)) {
                throw new IllegalArgumentException("knownWords.minShare is a share, between 0 and 1; was " + minShare);
            }
        }
    }

    /** Extraction in process: the recognisers and word lists of model version {@code model}. */
    record Recognizers(@JsonProperty(required = true) String name, @JsonProperty(required = true) String model,
                       Boolean enabled) implements TierDeclaration {

        @Override
        public TierKind kind() {
            return TierKind.RECOGNIZERS;
        }
    }

    /**
     * A generative model over HTTP.
     *
     * @param threshold classification: the confidence the model's answer must reach (default 0: its own confidence is
     *                  not calibrated, so a valid label is accepted); extraction answers are judged by their schema
     */
    record Llm(@JsonProperty(required = true) String name, Boolean enabled, Double threshold,
               @JsonProperty(required = true) LlmSettings llm, Budget budget) implements TierDeclaration {

        public Llm {
            if (threshold != null) {
                requireProbability(threshold);
            }
        }

        public double thresholdOrZero() {
            return threshold == null ? 0.0 : threshold;
        }

        @Override
        public TierKind kind() {
            return TierKind.LLM;
        }
    }

    /** A GGUF model the user supplies, run in this process; extraction only. */
    record Gguf(@JsonProperty(required = true) String name, Boolean enabled, @JsonProperty(required = true) GgufSettings gguf,
                Budget budget) implements TierDeclaration {

        @Override
        public TierKind kind() {
            return TierKind.GGUF;
        }
    }

    /** People: the cascade stops here and the request waits in the review queue. */
    record ReviewQueue(@JsonProperty(required = true) String name) implements TierDeclaration {

        @Override
        public TierKind kind() {
            return TierKind.REVIEW_QUEUE;
        }

        @Override
        public Boolean enabled() {
            return Boolean.TRUE;
        }
    }

    /** A threshold is a calibrated probability: 94 for 0.94 would escalate every request. */
    private static void requireProbability(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, was " + threshold);
        }
    }

    /** What a generative tier may spend per request: time, output tokens, and the price used for cost accounting. */
    record Budget(Integer timeoutMs, Integer maxOutputTokens, Double costPer1kTokens) {
    }

    /**
     * How a GGUF model is run by java-llama.cpp.
     *
     * @param path         the GGUF file (absolute, or relative to the working directory); nothing is downloaded
     * @param threads      CPU threads for generation (default 2)
     * @param contextSize  tokens of context (default 4096): the prompt holds the schema, so keep it roomy
     * @param chatTemplate whether to wrap the prompt in the model's chat template (default true; instruction-tuned
     *                     models answer far better with it)
     */
    record GgufSettings(@JsonProperty(required = true) String path, Integer threads, Integer contextSize, Boolean chatTemplate) {

        public GgufSettings {
            if (path == null || path.isBlank()) {
                throw new IllegalArgumentException("gguf.path is empty");
            }
        }
    }

    /**
     * How an LLM tier reaches its model.
     *
     * @param provider  {@code ollama} or {@code openai} (any OpenAI-compatible server)
     * @param apiKeyEnv the environment variable holding the server's key (openai); none for local servers
     */
    record LlmSettings(@JsonProperty(required = true) String provider, @JsonProperty(required = true) String baseUrl,
                       @JsonProperty(required = true) String model, String apiKeyEnv) {

        public LlmSettings {
            if (!"ollama".equals(provider) && !"openai".equals(provider)) {
                throw new IllegalArgumentException("llm.provider must be ollama or openai, was " + provider);
            }
        }
    }
}
