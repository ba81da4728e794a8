package io.agenthub.capability;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.slm.Digests;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A generative model asked to pick one of the capability's labels, with the labels as a JSON-schema
 * enum in the structured-output format and the earlier tiers' attempts in the prompt. Its answer is
 * validated by the cascade like any other; a timeout, an open breaker or unparseable output is a
 * rejected attempt, never an exception that fails the request.
 */
public final class LlmTier implements Tier {

    private final String capability;
    private final TierDeclaration declaration;
    private final ChatModel model;
    private final String modelName;
    private final String template;
    /** Which prompt asked: the audit trail records it beside the model's name. */
    private final String templateDigest;
    private final Set<String> labels;
    private final String outOfScopeLabel;
    private final CircuitBreaker breaker;
    private final ObjectMapper json;

    LlmTier(String capability, TierDeclaration declaration, ChatModel model, String template, Set<String> labels,
            String outOfScopeLabel, CircuitBreaker breaker, ObjectMapper json) {
        this.capability = capability;
        this.declaration = declaration;
        this.model = model;
        this.modelName = declaration.llm().provider() + ":" + declaration.llm().model();
        this.template = template;
        this.templateDigest = Digests.sha256(template.getBytes(StandardCharsets.UTF_8));
        this.labels = labels;
        this.outOfScopeLabel = outOfScopeLabel;
        this.breaker = breaker;
        this.json = json;
    }

    @Override
    public TierDeclaration declaration() {
        return declaration;
    }

    @Override
    public TierAttempt attempt(Question question, List<TierAttempt> earlier) {
        String text = question.text();
        long started = System.nanoTime();
        try {
            ChatResponse response = breaker.executeSupplier(() -> model.chat(request(text, earlier)));
            JsonNode answer = json.readTree(response.aiMessage().text());
            String label = answer.path("label").asText(null);
            Double confidence = answer.hasNonNull("confidence") ? answer.get("confidence").asDouble() : null;
            return new TierAttempt(declaration.name(), TierKind.LLM, modelName, templateDigest, label, confidence, millis(started),
                    false, null, TierAttempt.Usage.of(response, declaration.budget()));
        } catch (JsonProcessingException | RuntimeException e) {
            return rejected(started, failure(e));
        }
    }

    /**
     * Why a generative tier's call gave no usable answer, as its attempt records it; the same words for every
     * generative tier (classification and extraction).
     */
    public static String failure(Exception e) {
        if (e instanceof CallNotPermittedException) {
            return "circuit breaker open";
        }
        if (e instanceof JsonProcessingException) {
            return "answer is not JSON";
        }
        return "model call failed: " + e.getClass().getSimpleName();
    }

    private ChatRequest request(String text, List<TierAttempt> earlier) {
        String prompt = template.replace("{{capability}}", capability)
                .replace("{{labels}}", String.join("\n", labels))
                .replace("{{outOfScopeRule}}", outOfScopeLabel == null ? ""
                        : "If the request fits none of the labels, answer \"" + outOfScopeLabel + "\".")
                .replace("{{attempts}}", earlier.isEmpty() ? "(none)" : earlier.stream()
                        .map(a -> "- " + a.tier() + ": " + a.label() + " (confidence "
                                + (a.confidence() == null ? "n/a" : String.format("%.2f", a.confidence())) + ")")
                        .collect(Collectors.joining("\n")))
                .replace("{{text}}", text);
        ResponseFormat format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("IntentAnswer").rootElement(JsonObjectSchema.builder()
                        .addEnumProperty("label", List.copyOf(labels))
                        .addNumberProperty("confidence")
                        .required("label").build()).build())
                .build();
        return ChatRequest.builder().messages(UserMessage.from(prompt)).responseFormat(format).build();
    }

    private TierAttempt rejected(long started, String why) {
        return new TierAttempt(declaration.name(), TierKind.LLM, modelName, templateDigest, null, null, millis(started), false, why, null);
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1e6;
    }
}
