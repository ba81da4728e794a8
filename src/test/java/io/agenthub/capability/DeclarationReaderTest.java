package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A typo in processors/*.yaml stops the hub at start with the file, the tier and the field named. */
class DeclarationReaderTest {

    private static final String FILE = "processors/banking77-intent.yaml";

    private static CapabilityDeclaration read(String yaml) throws IOException {
        return DeclarationReader.read(FILE, new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /** The shipped banking77 declaration with one line replaced. */
    private static String shippedWith(String line, String replacement) throws IOException {
        String shipped = Files.readString(Path.of(FILE));
        assertThat(shipped).contains(line);
        return shipped.replace(line, replacement);
    }

    @Test
    void everyShippedDeclarationReadsAsItsKinds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processors"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    assertThat(DeclarationReader.read(file.toString(), in).tiers()).as(file.toString()).isNotEmpty();
                }
            }
        }
        CapabilityDeclaration banking = read(Files.readString(Path.of(FILE)));
        assertThat(banking.tiers()).extracting(TierDeclaration::kind)
                .containsExactly(TierKind.ENCODER_HEAD, TierKind.ENCODER_HEAD, TierKind.LLM, TierKind.REVIEW_QUEUE);
        TierDeclaration.EncoderHead ensemble = (TierDeclaration.EncoderHead) banking.tiers().get(1);
        assertThat(ensemble.modelVersions()).containsExactly("v8", "v6");
        assertThat(ensemble.threshold()).isEqualTo(0.78);
        assertThat(ensemble.minFamiliarity()).isEqualTo(0.78);
        // the first tier's v6 does not vote: it is there to judge familiarity
        TierDeclaration.EncoderHead tuned = (TierDeclaration.EncoderHead) banking.tiers().get(0);
        assertThat(tuned.modelVersions()).containsExactly("v8", "v6");
        assertThat(tuned.weights()).containsExactly(1.0, 0.0);
        assertThat(tuned.minFamiliarity()).isEqualTo(0.78);
        assertThat(banking.tiers().get(2).isEnabled()).isFalse();
    }

    @Test
    void aMisspeltFieldIsRefusedNamingTheFileTheTierAndTheField() throws IOException {
        String yaml = shippedWith("    threshold: 0.78", "    treshold: 0.78");

        assertThatThrownBy(() -> read(yaml)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(FILE + ": tier 'ensemble' (tiers[1]): unknown field 'treshold'; kind encoder-head takes enabled, "
                        + "knownWords, minFamiliarity, model, models, name, outOfScopeFamiliarity, outOfScopeThreshold, threshold, weights");
    }

    @Test
    void aMissingRequiredFieldIsRefusedNamingIt() throws IOException {
        String yaml = shippedWith("    threshold: 0.94 ", "    # no threshold ");

        assertThatThrownBy(() -> read(yaml))
                .hasMessage(FILE + ": tier 'tuned' (tiers[0]): missing field 'threshold'");
    }

    @Test
    void aMissingSettingInsideATierIsNamedWithItsPath() throws IOException {
        String yaml = shippedWith("      model: llama3.1:8b", "      modell: llama3.1:8b");

        assertThatThrownBy(() -> read(yaml))
                .hasMessageStartingWith(FILE + ": tier 'llm' (tiers[2]): unknown field 'llm.modell'; known fields: apiKeyEnv, baseUrl, model,");
    }

    @Test
    void anUnknownOrMissingKindIsRefusedWithTheKindsThereAre() throws IOException {
        assertThatThrownBy(() -> read(shippedWith("    kind: review-queue", "    kind: reviewers")))
                .hasMessage(FILE + ": tier 'people' (tiers[3]): unknown kind 'reviewers'; kind: is one of "
                        + "encoder-head, recognizers, llm, gguf, review-queue");
        assertThatThrownBy(() -> read(shippedWith("    kind: review-queue", "")))
                .hasMessageStartingWith(FILE + ": tier 'people' (tiers[3]): no kind; kind: is one of encoder-head");
    }

    @Test
    void aTierThatCannotRunAsDeclaredIsRefusedWithTheReason() throws IOException {
        assertThatThrownBy(() -> read(shippedWith("    models: [v8, v6]          # v8:", "    model: v8\n    models: [v8, v6]  # v8:")))
                .hasMessage(FILE + ": tier 'tuned' (tiers[0]): names both model and models; use one");
        assertThatThrownBy(() -> read(shippedWith("      provider: ollama ", "      provider: llamafile ")))
                .hasMessage(FILE + ": tier 'llm' (tiers[2]): field 'llm': llm.provider must be ollama or openai, was llamafile");
    }

    @Test
    void aMistakeOutsideTheTiersNamesTheFieldAndBrokenYamlItsLine() {
        assertThatThrownBy(() -> read("capability: x\ndescripton: y\ntiers: [{name: people, kind: review-queue}]\n"))
                .hasMessageStartingWith(FILE + ": unknown field 'descripton'; known fields: capability, description, ");
        assertThatThrownBy(() -> read("capability: x\ntiers: [{name: people, kind: review-queue}\n"))
                .hasMessageStartingWith(FILE + ": not YAML: ").hasMessageContaining("(line ");
        assertThatThrownBy(() -> read("tiers: []\n")).hasMessage(FILE + ": missing field 'capability'");
    }

    @Test
    void generativeTiersAreOffOnlyWhenSaidAndEveryOtherFieldStaysOptional() throws IOException {
        CapabilityDeclaration declaration = read("""
                capability: mini
                tiers:
                  - {name: head, kind: encoder-head, models: [v1, v2], weights: [1, 2], threshold: 0.5}
                  - {name: llm, kind: llm, llm: {provider: openai, baseUrl: "http://x", model: m, apiKeyEnv: KEY}}
                  - {name: people, kind: review-queue}
                """);
        assertThat(declaration.tiers()).allMatch(TierDeclaration::isEnabled);
        assertThat(((TierDeclaration.Llm) declaration.tiers().get(1)).thresholdOrZero()).isZero();
        assertThat(List.of(TierKind.ENCODER_HEAD, TierKind.RECOGNIZERS, TierKind.GGUF)).allMatch(TierKind::inProcess);
        assertThat(TierKind.LLM.inProcess()).isFalse();
    }
}
