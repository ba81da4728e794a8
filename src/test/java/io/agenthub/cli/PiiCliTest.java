package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.JsonMapper;
import io.agenthub.pii.EntityTagger;
import io.agenthub.pii.TaggerTraining;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** `pii scan` with the shipped settings and tagger: the line format, the types, and bad input; `pii train` with names. */
class PiiCliTest {

    private final ObjectMapper json = new ObjectMapper();

    private final CliRun cli = new CliRun();

    @Test
    void scanWritesOneLineOfSpansPerInputLine(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), """
                {"id":"a","text":"My name is Maria Gonzalez and I live at 42 Baker Street, London."}
                {"id":7,"text":"Card 4111 1111 1111 1111 was charged twice"}
                {"id":"c","text":"What is my balance?"}
                """);
        Path out = dir.resolve("out.jsonl");

        assertThat(cli.run("pii", "scan", "--in", in.toString(), "--out", out.toString())).as(cli.err()).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("a");
        assertThat(types(lines.get(0))).contains("PERSON", "STREET_ADDRESS");
        JsonNode person = spansOf(lines.get(0), "PERSON").get(0);
        assertThat(person.get("start").asInt()).isEqualTo(11);
        assertThat(lines.get(1).get("id").asInt()).isEqualTo(7);
        assertThat(types(lines.get(1))).containsExactly("CREDIT_CARD");
        assertThat(lines.get(2).get("spans")).isEmpty();
    }

    @Test
    void theReportedFailuresAreFixedWithTheShippedTagger(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), """
                {"id":"gibberish","text":"asdf qwerty zzz blorp 12345"}
                {"id":"french","text":"J'ai perdu ma carte bancaire dans le métro"}
                {"id":"claim","text":"Claim notice\\nPolicy holder: John Smith\\nA pipe burst in the kitchen. The repair estimate is GBP 3,150.\\nPlease call me back."}
                {"id":"chat","text":"hi my name is guy kephart and i moved to 221B Baker Street, London NW1 6XE"}
                """);
        Path out = dir.resolve("out.jsonl");

        assertThat(cli.run("pii", "scan", "--in", in.toString(), "--out", out.toString())).as(cli.err()).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines.get(0).get("spans")).as("gibberish").isEmpty();
        assertThat(lines.get(1).get("spans")).as("a French request").isEmpty();
        String claim = "Claim notice\nPolicy holder: John Smith\nA pipe burst in the kitchen. The repair estimate is GBP 3,150.\nPlease call me back.";
        assertThat(types(lines.get(2))).containsExactly("PERSON");
        JsonNode name = spansOf(lines.get(2), "PERSON").get(0);
        assertThat(claim.substring(name.get("start").asInt(), name.get("end").asInt())).isEqualTo("John Smith");
        assertThat(types(lines.get(3))).containsExactly("PERSON", "STREET_ADDRESS");
    }

    @Test
    void evalReadsJsonLinesAndCountsFalseAlarmsInTextsWithoutPersonalData(@TempDir Path dir) throws IOException {
        Path labelled = Files.writeString(dir.resolve("chat.jsonl"), """
                {"full_text":"my ni number is jk 55 66 77 b","spans":[{"entity_type":"UK_NINO","start_position":16,"end_position":29}]}
                """);
        Path clean = Files.writeString(dir.resolve("clean.csv"), "text,category\nwhy was I charged twice,card_payment\n");

        assertThat(cli.run("pii", "eval", "--data", labelled.toString(), "--clean", clean.toString())).as(cli.err()).isZero();

        assertThat(cli.out()).containsPattern("\\| UK_NINO +\\| +1 \\| +1\\.000 \\| +1\\.000 ")
                .contains("1 texts, 0 spans found (0.0 per 1,000 texts)");
    }

    @Test
    void aBadLineIsNamedNotAStackTrace(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\"}\n");

        assertThat(cli.run("pii", "scan", "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("line 2").doesNotContain("\tat ");
    }

    @Test
    void trainKeepsItsNamesBesideTheHeadAndRefusesThemAltered(@TempDir Path dir) throws IOException {
        JsonNode all = json.readTree(Path.of("datasets/presidio-synth/synth_pii_part1.json").toFile());
        List<JsonNode> few = new ArrayList<>();
        all.forEach(record -> {
            if (few.size() < 40) {
                few.add(record);
            }
        });
        Path data = dir.resolve("few.json");
        json.writeValue(data.toFile(), few);
        Path models = dir.resolve("models");
        Files.createDirectories(models.resolve("pii-tagger"));
        Files.copy(Path.of("models/pii-tagger/common-words.txt"), models.resolve("pii-tagger/common-words.txt"));

        assertThat(cli.run("pii", "train", "--data", data.toString(), "--models-dir", models.toString(), "--folds", "2",
                "--copies", "1", "--names", "models/pii-tagger/names.txt")).as(cli.err()).isZero();

        Path version = models.resolve("pii-tagger/v1");
        JsonNode card = json.readTree(version.resolve("model-card.json").toFile());
        assertThat(card.at("/head/names").asText()).isEqualTo("names.txt");
        assertThat(card.at("/head/namesDigest").asText()).startsWith("sha256:");
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            EntityTagger tagger = TaggerTraining.load(IntentModel.VersionFiles.in(version), "pii-tagger/v1", JsonMapper.create(),
                    id -> (OnnxEncoder) catalog.get(id));
            assertThat(tagger.names().lastName("Kaczmarek")).isTrue();

            Files.writeString(version.resolve("names.txt"), "kaczmarek\tF\n", StandardOpenOption.APPEND);
            assertThatThrownBy(() -> TaggerTraining.load(IntentModel.VersionFiles.in(version), "pii-tagger/v1", JsonMapper.create(),
                    id -> (OnnxEncoder) catalog.get(id))).hasMessageContaining("names.txt does not match");
        }
    }

    @Test
    void trainSaysWhichNamesFileIsMissing(@TempDir Path dir) {
        assertThat(cli.run("pii", "train", "--data", "datasets/presidio-synth/synth_pii_part1.json",
                "--models-dir", dir.toString(), "--names", dir.resolve("none.txt").toString())).isNotZero();
        assertThat(cli.err()).contains("--names").doesNotContain("\tat ");
    }

    @Test
    void trainSaysWhichGateWordListIsMissingBeforeItTrains(@TempDir Path dir) {
        assertThat(cli.run("pii", "train", "--data", "datasets/presidio-synth/synth_pii_part1.json",
                "--models-dir", dir.toString(), "--names", "models/pii-tagger/names.txt")).isNotZero();
        assertThat(cli.err()).contains("common-words.txt").doesNotContain("\tat ");
        assertThat(cli.out()).doesNotContain("labelled texts");
    }

    @Test
    void aNationalIdentifierAddedToPiiYamlIsFoundWithoutARebuild(@TempDir Path dir) throws IOException {
        // the shipped settings with a custom recogniser for the Dutch BSN, as a compliance officer would add it
        Path compliance = Files.createDirectories(dir.resolve("compliance"));
        Files.writeString(compliance.resolve("pii.yaml"), Files.readString(Path.of("compliance/pii.yaml")).replace(
                "\n# Treatment, per type", """

                          - name: nl-bsn
                            type: custom
                            supported_entity: NL_BSN
                            patterns: [{name: bsn, regex: '\\b\\d{9}\\b', score: 0.4}]
                            context: [bsn]
                            checksum: elfproef
                        # Treatment, per type"""));
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"My BSN is 111222333\"}\n");
        Path out = dir.resolve("out.jsonl");

        assertThat(cli.run("pii", "scan", "--compliance-dir", compliance.toString(), "--in", in.toString(), "--out", out.toString()))
                .as(cli.err()).isZero();

        assertThat(types(json.readTree(Files.readString(out)))).containsExactly("NL_BSN");
    }

    @Test
    void aMistakeInPiiYamlIsNamedByTheCommand(@TempDir Path dir) throws IOException {
        Path compliance = Files.createDirectories(dir.resolve("compliance"));
        Files.writeString(compliance.resolve("pii.yaml"), Files.readString(Path.of("compliance/pii.yaml"))
                .replace("  - name: weekday ", "  - name: weekdays"));
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"hello\"}\n");

        assertThat(cli.run("pii", "scan", "--compliance-dir", compliance.toString(), "--in", in.toString(),
                "--out", dir.resolve("out.jsonl").toString())).isEqualTo(1);
        assertThat(cli.err()).contains(compliance.resolve("pii.yaml") + ": recogniser 'weekdays', field 'name'");
    }

    private static List<String> types(JsonNode line) {
        List<String> types = new ArrayList<>();
        line.get("spans").forEach(s -> types.add(s.get("type").asText()));
        return types;
    }

    private static List<JsonNode> spansOf(JsonNode line, String type) {
        List<JsonNode> spans = new ArrayList<>();
        line.get("spans").forEach(s -> {
            if (s.get("type").asText().equals(type)) {
                spans.add(s);
            }
        });
        return spans;
    }
}
