package io.agenthub.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agenthub.slm.Digests;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.nio.charset.StandardCharsets;

/**
 * An LLM tier, classifying or extracting: its chat model called through its capability's circuit breaker, the prompt
 * template whose digest the trace records beside the model's name, what each call cost, and the words a failed call
 * is recorded with. Subclasses say what is asked and how the answer is read.
 */
public abstract class GenerativeTier<Q, A, T> implements Tier<Q, A, T> {

    protected final String capability;
    protected final String template;
    private final TierDeclaration.Llm declaration;
    private final ChatModel model;
    private final CircuitBreaker breaker;
    /** {@code provider:model}, as attempts name it */
    private final String modelName;
    /** Which prompt asked: the audit trail records it beside the model's name. */
    private final String templateDigest;

    protected GenerativeTier(String capability, TierDeclaration.Llm declaration, ChatModel model, CircuitBreaker breaker,
                             String template) {
        this.capability = capability;
        this.template = template;
        this.declaration = declaration;
        this.model = model;
        this.breaker = breaker;
        this.modelName = declaration.llm().provider() + ":" + declaration.llm().model();
        this.templateDigest = Digests.sha256(template.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public TierDeclaration.Llm declaration() {
        return declaration;
    }

    @Override
    public String model() {
        return modelName;
    }

    @Override
    public String digest() {
        return templateDigest;
    }

    /** Asks the model; an open breaker refuses at once with {@link CallNotPermittedException}. */
    protected ChatResponse chat(ChatRequest request) {
        return breaker.executeSupplier(() -> model.chat(request));
    }

    /** The tokens a call used, priced with the tier's budget; null when the server did not say. */
    protected TierAttempt.Usage usage(ChatResponse response) {
        return TierAttempt.Usage.of(response, declaration.budget());
    }

    /** The same words for every generative tier. */
    @Override
    public String failure(Exception e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit breaker open";
        }
        if (e instanceof JsonProcessingException) {
            return "answer is not JSON";
        }
        return "model call failed: " + e.getClass().getSimpleName();
    }
}
