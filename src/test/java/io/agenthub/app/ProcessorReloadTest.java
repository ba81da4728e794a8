package io.agenthub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.PiiType;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.capability.DeclarationReader;
import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.extract.ExtractionCascade;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.extract.PromptRedaction;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code run --reload} for processors/: a changed file's capability runs its new thresholds and tiers from the next
 * request, in the same object the routes hold; a file with a mistake is refused and the running version stays.
 */
class ProcessorReloadTest {

    /** A one-tier classifier on a small shipped model: its threshold is what the reloads change. */
    private static final String INTENT = """
            capability: banking77-intent
            tiers:
              - name: tuned
                kind: encoder-head
                model: v7
                threshold: %s
              - name: people
                kind: review-queue
            """;
    private static final String VAGUE = "card";

    private static final ObjectMapper JSON = JsonMapper.create();
    private static EncoderPool encoders;
    private CapabilityRegistry classifiers;
    private ExtractionRegistry extractors;
    private ProcessorReload reload;

    @BeforeAll
    static void encoders() {
        encoders = new EncoderPool(new EncoderCatalog(), 8, 0);
    }

    @AfterAll
    static void close() {
        encoders.close();
    }

    @BeforeEach
    void start() throws IOException {
        CapabilityRegistry.ModelLocator models = (capability, version) ->
                IntentModel.VersionFiles.in(Path.of("models").resolve(capability).resolve(version));
        LangChain4jLlmTiers llms = new LangChain4jLlmTiers(name -> null, CircuitBreakerRegistry.ofDefaults());
        Map<String, CapabilityDeclaration> files = new LinkedHashMap<>();
        files.put("banking77-intent.yaml", declaration("banking77-intent.yaml", INTENT.formatted("0.0")));
        files.put("claim-notice.yaml", declaration("claim-notice.yaml", Files.readString(Path.of("processors/claim-notice.yaml"))));
        List<CapabilityDeclaration> declarations = List.copyOf(files.values());
        classifiers = CapabilityRegistry.build(declarations, models, encoders, JSON, llms);
        extractors = ExtractionRegistry.build(declarations, models, JSON, new SimpleMeterRegistry(), llms, PromptRedaction.NONE);
        reload = new ProcessorReload(classifiers, extractors, files);
    }

    private static CapabilityDeclaration declaration(String file, String yaml) throws IOException {
        return DeclarationReader.read("processors/" + file, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private void changed(String file, String yaml) {
        reload.onReload("/home/hub/processors/" + file, ResourceHelper.fromString("file:/home/hub/processors/" + file, yaml));
    }

    @Test
    void aChangedThresholdIsWhatTheNextRequestIsJudgedBy() {
        CapabilityCascade routesHold = classifiers.get("banking77-intent");
        CascadeAnswer before = routesHold.classifyInProcess(VAGUE);
        assertThat(before.escalated()).isFalse();

        changed("banking77-intent.yaml", INTENT.formatted("1.0"));

        assertThat(classifiers.get("banking77-intent")).isSameAs(routesHold);
        assertThat(routesHold.inProcessModels()).singleElement().extracting(CapabilityCascade.TierModel::threshold).isEqualTo(1.0);
        CascadeAnswer after = routesHold.classifyInProcess(VAGUE);
        assertThat(after.escalated()).isTrue();
        assertThat(after.attempts().get(0).confidence()).isEqualTo(before.confidence());
        assertThat(after.attempts().get(0).rejection()).endsWith("below threshold 1.000");
    }

    @Test
    void aFileWithAMistakeIsRefusedAndTheRunningVersionStays() {
        CapabilityCascade routesHold = classifiers.get("banking77-intent");

        changed("banking77-intent.yaml", INTENT.formatted("0.9").replace("threshold:", "treshold:"));
        changed("banking77-intent.yaml", INTENT.formatted("0.9").replace("model: v7", "model: v99"));
        changed("banking77-intent.yaml", INTENT.formatted("94"));

        assertThat(routesHold.inProcessModels()).singleElement().extracting(CapabilityCascade.TierModel::threshold).isEqualTo(0.0);
        assertThat(routesHold.classifyInProcess(VAGUE).escalated()).isFalse();
        assertThatThrownBy(() -> reload.apply("processors/banking77-intent.yaml",
                new ByteArrayInputStream(INTENT.formatted("0.9").replace("threshold:", "treshold:").getBytes(StandardCharsets.UTF_8))))
                .hasMessageStartingWith("processors/banking77-intent.yaml: tier 'tuned' (tiers[0]): unknown field 'treshold'");
    }

    @Test
    void anExtractionReloadChangesItsTiersAndWhatIsReadBack() throws IOException {
        ExtractionCascade routesHold = extractors.get("claim-notice");
        String shipped = Files.readString(Path.of("processors/claim-notice.yaml"));
        // The shipped file reads dates, names and addresses back for its in-process tiers (a date of loss is tokenised).
        assertThat(routesHold.reidentify()).containsExactlyInAnyOrder(PiiType.DATE_TIME, PiiType.PERSON, PiiType.STREET_ADDRESS);

        changed("claim-notice.yaml", shipped.replace("reidentify: [DATE_TIME, PERSON, STREET_ADDRESS]", "reidentify: [PERSON]"));
        assertThat(routesHold.reidentify()).containsExactly(PiiType.PERSON);

        changed("claim-notice.yaml", shipped.replace("kind: recognizers", "kind: recogniser"));
        assertThat(routesHold.reidentify()).containsExactly(PiiType.PERSON);
    }

    @Test
    void whatRoutesBindAtStartIsNotRenamedNewOrRetaskedByAReload() {
        assertThatThrownBy(() -> reload.apply("processors/card-intent.yaml",
                new ByteArrayInputStream(INTENT.formatted("0.5").replace("banking77-intent", "card-intent").getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("not a capability this hub runs");
        assertThatThrownBy(() -> reload.apply("processors/banking77-intent.yaml",
                new ByteArrayInputStream(INTENT.formatted("0.5").replace("banking77-intent", "card-intent").getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("declares capability card-intent but ran banking77-intent");
    }
}
