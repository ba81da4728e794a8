package io.agenthub.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process generative tier on a GGUF file: a tiny Llama with random weights (src/test/resources/gguf, written by
 * make_tiny_llama.py beside it) knows no language, so whatever it writes has the schema's shape only because the
 * grammar made from the schema allows nothing else. The cascade still rejects it: its words are not the request's.
 */
class GgufExtractionTierTest {

    private static final String MODEL = "src/test/resources/gguf/tiny-random-llama.gguf";
    private static final ObjectMapper JSON = JsonMapper.create();
    private static ExtractionRegistry registry;
    /** banking-slots' tagger reads MiniLM's token states */
    private static final EncoderCatalog encoders = new EncoderCatalog();

    @BeforeAll
    static void build() throws IOException {
        List<CapabilityDeclaration> declarations = new java.util.ArrayList<>();
        for (String capability : List.of("claim-notice", "banking-slots")) {
            String yaml = Files.readString(Path.of("processors/" + capability + ".yaml"))
                    .replaceFirst("enabled: false( +# a GGUF file)", "enabled: true$1")
                    .replace("path: models/local/model.gguf", "path: " + MODEL)
                    .replace("maxOutputTokens: 512", "maxOutputTokens: 768");
            declarations.add(DeclarationReader.read(capability + ".yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
        }
        registry = ExtractionRegistry.build(declarations,
                (cap, version) -> IntentModel.VersionFiles.in(Path.of("models").resolve(cap).resolve(version)), JSON,
                new SimpleMeterRegistry(), new LangChain4jLlmTiers(name -> null, CircuitBreakerRegistry.ofDefaults()), PromptRedaction.NONE,
                TokenEncoders.of(encoders));
    }

    @AfterAll
    static void close() {
        registry.close();
        encoders.close();
    }

    @Test
    void theSchemaBecomesAGrammarThatKeepsAmountsPositive() throws IOException {
        for (String capability : List.of("claim-notice", "banking-slots")) {
            String grammar = SchemaGrammar.of(registry.get(capability).schema());
            assertThat(grammar).contains("root ::=").contains("positive-amount ::=").doesNotContain("\"\\d\"");
            assertThat(grammar).containsPattern("-amount-kv ::= \"\\\\\"amount\\\\\"\" space \":\" space positive-amount");
        }
    }

    @Test
    void whatARandomModelWritesUnderTheGrammarIsSchemaValidAndStillChecked() {
        ExtractionCascade cascade = registry.get("claim-notice");
        for (String notice : List.of("My car was hit yesterday, please help.", "A pipe burst, the kitchen is flooded.",
                "Someone broke into the house last night")) {
            ExtractionAnswer answer = cascade.extract(new ExtractionRequest("n", notice, LocalDateTime.of(2026, 11, 20, 10, 0)));
            assertThat(answer.attempts()).extracting(ExtractionAttempt::tier).startsWith("recognizers", "local-gguf");
            ExtractionAttempt gguf = answer.attempts().get(1);
            assertThat(gguf.slots()).as(notice).isNotNull();
            assertThat(cascade.schema().violations(gguf.slots())).as(gguf.slots().toString()).isEmpty();
            assertThat(gguf.valid()).isFalse();
            assertThat(gguf.errors()).allMatch(e -> e.endsWith("is not in the request"));
        }
    }
}
