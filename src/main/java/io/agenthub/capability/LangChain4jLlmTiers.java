package io.agenthub.capability;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Builds LLM tiers with LangChain4j: {@code provider: ollama} or {@code provider: openai} (any
 * OpenAI-compatible server). Temperature 0, no client retries (the cascade moves on instead), a
 * timeout from the tier's budget, and a circuit breaker per capability.
 */
public final class LangChain4jLlmTiers implements LlmTierFactory {

    private static final String PROMPT = "prompts/intent-classification-v1.txt";

    private final ObjectMapper json;
    private final UnaryOperator<String> environment;

    public LangChain4jLlmTiers(ObjectMapper json, UnaryOperator<String> environment) {
        this.json = json;
        this.environment = environment;
    }

    @Override
    public Tier create(String capability, TierDeclaration declaration, Set<String> labels, String outOfScopeLabel) {
        return new LlmTier(capability, declaration, chatModel(capability, declaration), prompt(), labels, outOfScopeLabel,
                breaker(capability), json);
    }

    /**
     * The tier's chat model: temperature 0, no client retries (the cascade moves on instead), a timeout and an output
     * token limit from the tier's budget.
     */
    public ChatModel chatModel(String capability, TierDeclaration declaration) {
        TierDeclaration.LlmSettings settings = declaration.llm();
        if (settings == null || settings.provider() == null || settings.model() == null || settings.baseUrl() == null) {
            throw new IllegalArgumentException("capability " + capability + " tier " + declaration.name()
                    + " needs llm.provider, llm.model and llm.baseUrl");
        }
        TierDeclaration.Budget budget = declaration.budget();
        Duration timeout = Duration.ofMillis(budget != null && budget.timeoutMs() != null ? budget.timeoutMs() : 20_000);
        int maxTokens = budget != null && budget.maxOutputTokens() != null ? budget.maxOutputTokens() : 64;
        return switch (settings.provider()) {
            case "ollama" -> OllamaChatModel.builder().baseUrl(settings.baseUrl()).modelName(settings.model())
                    .timeout(timeout).temperature(0.0).numPredict(maxTokens).maxRetries(0).build();
            case "openai" -> OpenAiChatModel.builder().baseUrl(settings.baseUrl()).modelName(settings.model())
                    .apiKey(apiKey(settings)).timeout(timeout).temperature(0.0).maxTokens(maxTokens).maxRetries(0).build();
            default -> throw new IllegalArgumentException("capability " + capability + " tier " + declaration.name()
                    + ": llm.provider must be ollama or openai, was " + settings.provider());
        };
    }

    /** One breaker per capability: after half of ten calls fail, the tier is skipped for 30 s instead of waiting on timeouts. */
    public static CircuitBreaker breaker(String capability) {
        return CircuitBreaker.of("llm-" + capability, CircuitBreakerConfig.custom()
                .failureRateThreshold(50).slidingWindowSize(10).minimumNumberOfCalls(5)
                .waitDurationInOpenState(Duration.ofSeconds(30)).build());
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

    private static String prompt() {
        try (InputStream in = LangChain4jLlmTiers.class.getClassLoader().getResourceAsStream(PROMPT)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + PROMPT + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
