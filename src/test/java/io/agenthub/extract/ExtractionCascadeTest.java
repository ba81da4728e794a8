package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.PiiType;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.pii.PiiSpan;
import io.agenthub.slm.IntentModel;
import io.agenthub.testing.OllamaStandIn;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim-notice cascade with its LLM tier on, against a local stand-in for Ollama: every tier's answer is
 * validated the same way, an invalid one moves on with its errors, the prompt holds only redacted text and the
 * schema, and each tier's schema-valid answers are counted.
 */
class ExtractionCascadeTest {

    private static final LocalDateTime REFERENCE = LocalDateTime.of(2026, 11, 20, 10, 0);
    /** No policy number: the recognisers' answer lacks a required field. */
    private static final String NOTICE = "Karl Meier here: my car was rear-ended yesterday, the repair is 900 EUR.";

    private final ObjectMapper json = JsonMapper.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private OllamaStandIn ollama;
    private ExtractionCascade cascade;

    @BeforeEach
    void start() throws IOException {
        ollama = new OllamaStandIn();
        String yaml = Files.readString(Path.of("processors/claim-notice.yaml"))
                .replace("enabled: false            # turn on", "enabled: true             # turn on")
                .replace("http://127.0.0.1:11434", ollama.baseUrl());
        CapabilityDeclaration declaration = DeclarationReader.read("claim-notice.yaml", new java.io.ByteArrayInputStream(yaml.getBytes()));
        // a detector that knows one name, so the test can see it leave the prompt and come back in the answer
        PromptRedaction redaction = new PromptRedaction(text -> text.startsWith("Karl Meier")
                ? List.of(new PiiSpan(PiiType.PERSON, 0, 10, 1.0, "test")) : List.of());
        cascade = ExtractionRegistry.build(List.of(declaration),
                (cap, version) -> IntentModel.VersionFiles.in(Path.of("models").resolve(cap).resolve(version)), json, meters,
                new LangChain4jLlmTiers(name -> null, CircuitBreakerRegistry.ofDefaults()), redaction).get("claim-notice");
    }

    @AfterEach
    void stop() {
        ollama.close();
    }

    private ExtractionAnswer extract(String text) {
        return cascade.extract(new ExtractionRequest("n1", text, REFERENCE));
    }

    @Test
    void anInvalidInProcessAnswerMovesOnToTheLlmWithItsErrorsAndOnlyRedactedText() throws IOException {
        ollama.answer(request -> """
                {"policy_number":{"text":"MOT 100234","value":"POL-MOT-100234"},
                 "date_of_loss":{"text":"yesterday","value":"2026-11-19"},
                 "loss_type":{"text":"rear-ended","value":"COLLISION"},
                 "parties":{"text":"<PERSON_1>","value":["<PERSON_1>"]}}""");
        ExtractionAnswer answer = extract(NOTICE + " It is my motor cover, number MOT 100234.");

        assertThat(answer.attempts()).extracting(ExtractionAttempt::tier).containsExactly("recognizers", "llm");
        assertThat(answer.attempts().get(0).errors()).containsExactly("$: required property 'policy_number' not found");
        assertThat(answer.valid()).isTrue();
        assertThat(answer.tier()).isEqualTo("llm");
        assertThat(answer.slots().path("parties").path("value").get(0).asText()).isEqualTo("Karl Meier");
        assertThat(answer.attempts().get(1).usage().inputTokens()).isEqualTo(120);

        JsonNode request = json.readTree(ollama.requests.get(0));
        String prompt = request.path("messages").get(0).path("content").asText();
        assertThat(prompt).doesNotContain("Karl Meier").contains("<PERSON_1> here")
                .contains("required property 'policy_number' not found").contains("2026-11-20T10:00");
        assertThat(request.path("format").path("required").toString()).contains("policy_number");
    }

    @Test
    void theLlmIsNotAskedWhenTheRecognisersAnswerValidly() {
        ExtractionAnswer answer = extract("Karl Meier, policy POL-MOT-100234: my car was rear-ended yesterday");
        assertThat(answer.tier()).isEqualTo("recognizers");
        assertThat(answer.slots().path("date_of_loss").path("value").asText()).isEqualTo("2026-11-19");
        assertThat(ollama.requests).isEmpty();
        // the attempt is stored as it always was: no field beyond its own
        assertThat(json.valueToTree(answer.attempts().get(0)).fieldNames()).toIterable()
                .containsExactly("tier", "kind", "model", "digest", "slots", "latencyMs", "valid", "errors");
    }

    @Test
    void anAnswerOutsideTheSchemaOrTheRequestGoesToPeopleAndIsCounted() {
        ollama.answer(request -> """
                {"policy_number":{"text":"POL-MOT-100234","value":"POL-MOT-100234"},
                 "date_of_loss":{"text":"yesterday","value":"2026-11-19"},
                 "loss_type":{"text":"rear-ended","value":"EARTHQUAKE"}}""");
        ExtractionAnswer answer = extract(NOTICE);
        assertThat(answer.valid()).isFalse();
        assertThat(answer.tier()).isEqualTo(ExtractionCascade.PEOPLE);
        assertThat(answer.slots()).isNull();
        assertThat(answer.attempts().get(1).errors()).anyMatch(e -> e.startsWith("$.loss_type.value"))
                .anyMatch(e -> e.contains("'POL-MOT-100234' is not in the request"));
        assertThat(cascade.validity()).containsKeys("recognizers", "llm");
        assertThat(cascade.validity().get("llm")).isEqualTo(new ExtractionCascade.Validity(0, 1));
    }

    @Test
    void aFailingOrSilentServerIsARejectedAttemptNotAnError() {
        ollama.failWith(500);
        ExtractionAnswer answer = extract(NOTICE);
        assertThat(answer.tier()).isEqualTo(ExtractionCascade.PEOPLE);
        assertThat(answer.attempts().get(1).errors()).singleElement().asString().startsWith("model call failed");

        ollama.failWith(200);
        ollama.answer(request -> "I think it was a collision.");
        assertThat(extract(NOTICE).attempts().get(1).errors()).containsExactly("answer is not JSON");
    }

    @Test
    void theLlmTierIsOffByDefault() throws IOException {
        CapabilityDeclaration shipped = DeclarationReader.read("processors/claim-notice.yaml", Files.newInputStream(Path.of("processors/claim-notice.yaml")));
        ExtractionCascade offline = ExtractionRegistry.build(List.of(shipped),
                (cap, version) -> IntentModel.VersionFiles.in(Path.of("models").resolve(cap).resolve(version)), json,
                new SimpleMeterRegistry(), new LangChain4jLlmTiers(name -> null, CircuitBreakerRegistry.ofDefaults()), PromptRedaction.NONE).get("claim-notice");
        ExtractionAnswer answer = offline.extract(new ExtractionRequest("n1", NOTICE, REFERENCE));
        assertThat(answer.attempts()).extracting(ExtractionAttempt::tier).containsExactly("recognizers");
        assertThat(ollama.requests).isEmpty();
    }
}
