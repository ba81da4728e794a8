package io.agenthub.capability;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * The chat models of LLM tiers, through LangChain4j: {@code provider: ollama} or {@code provider: openai} (any
 * OpenAI-compatible server). Temperature 0, no client retries (the cascade moves on instead), a timeout from the
 * tier's budget, and a circuit breaker per capability ({@code llm-<capability>}) from the hub's one breaker registry,
 * the one the connectors' breakers are in too.
 */
public final class LangChain4jLlmTiers {

    private static final String CLASSIFICATION_PROMPT = "prompts/intent-classification-v1.txt";
    /** After half of ten calls fail, the tier is skipped for 30 s instead of waiting on timeouts. */
    private static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .failureRateThreshold(50).slidingWindowSize(10).minimumNumberOfCalls(5)
            .waitDurationInOpenState(Duration.ofSeconds(30)).build();

    private final UnaryOperator<String> environment;
    private final CircuitBreakerRegistry breakers;

    /**
     * @param environment reads the environment variable an {@code openai} tier names for its key
     * @param breakers    where the tiers' breakers are kept: one per capability, the same across reloads
     */
    public LangChain4jLlmTiers(UnaryOperator<String> environment, CircuitBreakerRegistry breakers) {
        this.environment = environment;
        this.breakers = breakers;
    }

    /** The breaker of a capability's generative tiers, shared by every tier of it and kept across reloads. */
    public CircuitBreaker breaker(String capability) {
        return breakers.circuitBreaker("llm-" + capability, BREAKER);
    }

    /**
     * The tier's chat model: temperature 0, no client retries (the cascade moves on instead), a timeout and an output
     * token limit from the tier's budget.
     */
    public ChatModel chatModel(TierDeclaration.Llm declaration) {
        TierDeclaration.LlmSettings settings = declaration.llm();
        TierDeclaration.Budget budget = declaration.budget();
        Duration timeout = Duration.ofMillis(budget != null && budget.timeoutMs() != null ? budget.timeoutMs() : 20_000);
        int maxTokens = budget != null && budget.maxOutputTokens() != null ? budget.maxOutputTokens() : 64;
        return switch (settings.provider()) {
            case "ollama" -> OllamaChatModel.builder().baseUrl(settings.baseUrl()).modelName(settings.model())
                    .timeout(timeout).temperature(0.0).numPredict(maxTokens).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder().baseUrl(settings.baseUrl()).modelName(settings.model())
                    .apiKey(apiKey(settings)).timeout(timeout).temperature(0.0).maxTokens(maxTokens).maxRetries(0).build();
            default -> throw new IllegalArgumentException("llm.provider must be ollama or openai, was " + settings.provider());
        };
    }

    private String apiKey(TierDeclaration.LlmSettings settings) {
        if (settings.apiKeyEnv() == null) {
            return "none"; // local OpenAI-compatible servers accept any key
        }
        String key = environment.apply(settings.apiKeyEnv());
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("environment variable " + settings.apiKeyEnv() + " (llm.apiKeyEnv) is not set");
        }
        return key;
    }

    /** The prompt template of classifying LLM tiers. */
    static String classificationPrompt() {
        try (InputStream in = LangChain4jLlmTiers.class.getClassLoader().getResourceAsStream(CLASSIFICATION_PROMPT)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + CLASSIFICATION_PROMPT + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
