package io.agenthub.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * An LLM tier's chat model behind its capability's circuit breaker, as every generative tier calls it (classifying
 * and extracting): the name the trace gives it, what its calls cost, and the words a failed call is recorded with.
 */
public final class GuardedChatModel {

    private final ChatModel model;
    private final CircuitBreaker breaker;
    private final String name;
    private final TierDeclaration.Budget budget;

    GuardedChatModel(ChatModel model, CircuitBreaker breaker, TierDeclaration.LlmSettings settings, TierDeclaration.Budget budget) {
        this.model = model;
        this.breaker = breaker;
        this.name = settings.provider() + ":" + settings.model();
        this.budget = budget;
    }

    /** {@code provider:model}, as attempts name it. */
    public String name() {
        return name;
    }

    /** Asks the model; an open breaker refuses at once with {@link CallNotPermittedException}. */
    public ChatResponse chat(ChatRequest request) {
        return breaker.executeSupplier(() -> model.chat(request));
    }

    /** The tokens a call used, priced with the tier's budget; null when the server did not say. */
    public TierAttempt.Usage usage(ChatResponse response) {
        return TierAttempt.Usage.of(response, budget);
    }

    /** Why a generative tier's call gave no usable answer, the same words for every generative tier. */
    public static String failure(Exception e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit breaker open";
        }
        if (e instanceof JsonProcessingException) {
            return "answer is not JSON";
        }
        return "model call failed: " + e.getClass().getSimpleName();
    }
}
