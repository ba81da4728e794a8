package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.agenthub.capability.GenerativeTier;
import io.agenthub.capability.NoAnswer;
import io.agenthub.capability.TierDeclaration;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A generative model asked for the capability's fields, through LangChain4j (Ollama or any OpenAI-compatible
 * server): the schema goes both into the prompt and as the structured-output format, the request text only
 * redacted, and the earlier tiers' answers with their errors so the model can mend them. Its answer is judged like
 * any other; a timeout, an open breaker or text that is not JSON is a failed attempt, never an exception that fails
 * the request.
 */
final class LlmExtractionTier extends GenerativeTier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> {

    private final SlotSchema schema;
    private final ResponseFormat format;
    private final PromptRedaction redaction;
    private final ObjectMapper json;

    LlmExtractionTier(String capability, TierDeclaration.Llm declaration, ChatModel model, CircuitBreaker breaker,
                      String template, SlotSchema schema, PromptRedaction redaction, ObjectMapper json) {
        super(capability, declaration, model, breaker, template);
        // the schema as the structured-output format: the same for every request of the capability
        this.format = ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(capability.replace('-', '_')).rootElement(JsonRawSchema.from(schema.text())).build())
                .build();
        this.schema = schema;
        this.redaction = redaction;
        this.json = json;
    }

    @Override
    public SlotsAnswer answer(ExtractionRequest request, List<ExtractionAttempt> earlier) throws Exception {
        // values revealed for the in-process tiers become tokens again; the detector redacts what remains
        PromptRedaction.Redacted redacted = redaction.redact(request.withTokens(request.text()));
        ChatResponse response = chat(ChatRequest.builder()
                .messages(UserMessage.from(prompt(template, capability, schema, request, redacted, earlier)))
                .responseFormat(format).build());
        JsonNode answer = json.readTree(request.restore(redacted.restore(response.aiMessage().text())));
        if (!(answer instanceof ObjectNode slots)) {
            throw new NoAnswer("answer is not a JSON object");
        }
        return new SlotsAnswer(slots, usage(response));
    }

    /**
     * The prompt of a generative tier: the template ({@code models/<capability>/<version>/prompt.txt}) with the schema,
     * the reference time, the earlier attempts with their errors, and the redacted request.
     */
    static String prompt(String template, String capability, SlotSchema schema, ExtractionRequest request,
                         PromptRedaction.Redacted redacted, List<ExtractionAttempt> earlier) {
        return template.replace("{{capability}}", capability)
                .replace("{{schema}}", schema.text())
                .replace("{{referenceTime}}", request.referenceTime().toString())
                .replace("{{attempts}}", earlier.isEmpty() ? "(none)" : earlier.stream()
                        .map(a -> "- " + a.tier() + ": " + (a.slots() == null ? "no answer" : redacted.apply(request.withTokens(a.slots()).toString()))
                                + (a.errors() == null || a.errors().isEmpty() ? "" : " rejected: " + String.join("; ", a.errors())))
                        .collect(Collectors.joining("\n")))
                .replace("{{text}}", redacted.text());
    }
}
