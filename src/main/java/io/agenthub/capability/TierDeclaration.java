package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One tier as {@code processors/<capability>.yaml} declares it.
 *
 * @param model      encoder-head: the model version folder under {@code models/<capability>/}
 * @param models     encoder-head: several model versions answering as an ensemble (instead of {@code model})
 * @param weights    encoder-head ensemble: one weight per model (default equal); 0 keeps a model out of the
 *                   vote, e.g. a nearest-neighbour model there only to judge familiarity
 * @param threshold  the calibrated confidence an answer must reach to be accepted at this tier
 * @param outOfScopeThreshold encoder-head: below this best in-scope probability the answer is the
 *                   out-of-scope label; replaces the model card's (tuned for one model alone)
 * @param outOfScopeFamiliarity encoder-head with a nearest-neighbour model: below this familiarity (mean
 *                   similarity of the nearest in-scope training examples) the answer is out of scope
 * @param enabled    false keeps the tier declared but skipped (the LLM tier is off by default)
 * @param budget     limits of an LLM tier: time, tokens and their price
 * @param llm        connection settings of an LLM tier
 * @param gguf       an in-process generative tier: the GGUF file the user supplies, and how to run it
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record TierDeclaration(String name, TierKind kind, String model, List<String> models, List<Double> weights,
                              Double threshold,
                              Double outOfScopeThreshold, Double outOfScopeFamiliarity, Boolean enabled, Budget budget,
                              LlmSettings llm, GgufSettings gguf) {

    /** The model versions of an encoder-head tier: {@code models}, or the one {@code model}. */
    public List<String> modelVersions() {
        if (models != null && !models.isEmpty()) {
            return List.copyOf(models);
        }
        return model == null ? List.of() : List.of(model);
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public double thresholdOrZero() {
        return threshold == null ? 0.0 : threshold;
    }

    /** What a generative tier may spend per request: time, output tokens, and the price used for cost accounting. */
    public record Budget(Integer timeoutMs, Integer maxOutputTokens, Double costPer1kTokens) {
    }

    /**
     * A GGUF model run in this process by java-llama.cpp.
     *
     * @param path         the GGUF file (absolute, or relative to the working directory); nothing is downloaded
     * @param threads      CPU threads for generation (default 2)
     * @param contextSize  tokens of context (default 4096): the prompt holds the schema, so keep it roomy
     * @param chatTemplate whether to wrap the prompt in the model's chat template (default true; instruction-tuned
     *                     models answer far better with it)
     */
    public record GgufSettings(String path, Integer threads, Integer contextSize, Boolean chatTemplate) {
    }

    /** {@code provider}: {@code ollama} or {@code openai} (any OpenAI-compatible server). */
    public record LlmSettings(String provider, String baseUrl, String model, String apiKeyEnv) {
    }
}
