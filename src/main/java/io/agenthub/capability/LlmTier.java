package io.agenthub.capability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A generative model asked to pick one of the capability's labels, with the labels as a JSON-schema
 * enum in the structured-output format and the earlier tiers' attempts in the prompt. Its answer is
 * judged like any other; a timeout, an open breaker or unparseable output is a rejected attempt, never
 * an exception that fails the request.
 */
final class LlmTier extends GenerativeTier<Question, LabelAnswer, TierAttempt> {

    private final Set<String> labels;
    private final String outOfScopeLabel;
    private final ResponseFormat format;
    private final ObjectMapper json;

    LlmTier(String capability, TierDeclaration.Llm declaration, ChatModel model, CircuitBreaker breaker, String template,
            Set<String> labels, String outOfScopeLabel, ObjectMapper json) {
        super(capability, declaration, model, breaker, template);
        this.labels = labels;
        this.outOfScopeLabel = outOfScopeLabel;
        // the labels as the structured-output format: the same for every request of the capability
        this.format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name("IntentAnswer").rootElement(JsonObjectSchema.builder()
                        .addEnumProperty("label", List.copyOf(labels))
                        .addNumberProperty("confidence")
                        .required("label").build()).build())
                .build();
        this.json = json;
    }

    @Override
    public LabelAnswer answer(Question question, List<TierAttempt> earlier) throws Exception {
        ChatResponse response = chat(request(question.text(), earlier));
        JsonNode answer = json.readTree(response.aiMessage().text());
        return new LabelAnswer(answer.path("label").asText(null),
                answer.hasNonNull("confidence") ? answer.get("confidence").asDouble() : null, usage(response));
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
        return ChatRequest.builder().messages(UserMessage.from(prompt)).responseFormat(format).build();
    }
}
