package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.slm.IntentModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim-notice capability on the notices we wrote (src/test/resources/extract/claim-notices.jsonl): each with the
 * fields a claims handler would take from it, and whether a claim can be filed from it at all.
 */
class ClaimNoticeTest {

    private final ObjectMapper json = JsonMapper.create();

    @Test
    void everyFixtureGivesItsFieldsAndOnlyCompleteNoticesAreValid() throws IOException {
        ExtractionCascade cascade = ExtractionRegistry.build(
                List.of(DeclarationReader.read("processors/claim-notice.yaml", Files.newInputStream(Path.of("processors/claim-notice.yaml")))),
                (cap, version) -> IntentModel.VersionFiles.in(Path.of("models").resolve(cap).resolve(version)), json,
                new SimpleMeterRegistry(), new LangChain4jLlmTiers(name -> null, CircuitBreakerRegistry.ofDefaults()), PromptRedaction.NONE).get("claim-notice");
        int fields = 0;
        int right = 0;
        for (String line : Files.readAllLines(Path.of("src/test/resources/extract/claim-notices.jsonl"))) {
            JsonNode fixture = json.readTree(line);
            ExtractionAnswer answer = cascade.extract(new ExtractionRequest(fixture.path("id").asText(), fixture.path("text").asText(),
                    LocalDateTime.parse(fixture.path("referenceTime").asText())));
            assertThat(answer.valid()).as(fixture.path("id").asText()).isEqualTo(fixture.path("valid").asBoolean());
            // an invalid answer is not used; what the recognisers read is kept in their attempt
            JsonNode read = answer.attempts().get(0).slots();
            for (var expected : fixture.path("expect").properties()) {
                fields++;
                // read back from text, so 2350 as a BigDecimal and 2350 as written compare equal
                JsonNode value = json.readTree(read.path(expected.getKey()).path("value").toString());
                right += value.equals(expected.getValue()) ? 1 : 0;
                assertThat(value).as(fixture.path("id").asText() + " " + expected.getKey()).isEqualTo(expected.getValue());
            }
        }
        System.out.printf("claim-notice fixtures: %d of %d expected fields read%n", right, fields);
    }
}
