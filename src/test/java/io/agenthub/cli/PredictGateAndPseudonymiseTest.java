package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.LabelledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code predict --pseudonymise} shows the models what the door would, and a tier's familiarity gate sends gibberish
 * and token-only texts on, end to end through the command line on a small slice of BANKING77 (three intents).
 */
class PredictGateAndPseudonymiseTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTENTS = List.of("card_arrival", "lost_or_stolen_card", "exchange_rate");

    @TempDir
    static Path work;
    static Path models;
    static Path processors;
    static Path compliance;

    private static int run(String... args) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            return AgentHubCli.commandLine().execute(args);
        } finally {
            System.setOut(original);
        }
    }

    @BeforeAll
    static void trainNearestNeighbours() throws IOException {
        models = Files.createDirectories(work.resolve("models"));
        processors = Files.createDirectories(work.resolve("processors"));
        compliance = Files.createDirectories(work.resolve("compliance"));
        // the door's own compliance/pii.yaml with its tagger switched off (the tagger's model is not in this models folder)
        Files.writeString(compliance.resolve("pii.yaml"), Files.readString(Path.of("compliance/pii.yaml"))
                .replaceFirst("(?m)^(\\s*)- name: entity-tagger\\s*$", "$1- name: entity-tagger\n$1  enabled: false"));
        Map<String, List<LabelledData.Example>> byIntent = LabelledData.read(List.of(Path.of("datasets/banking77/train.csv")))
                .examples().stream().filter(e -> INTENTS.contains(e.label()))
                .collect(Collectors.groupingBy(LabelledData.Example::label));
        List<String> lines = new ArrayList<>();
        byIntent.forEach((intent, rows) -> rows.subList(0, 40)
                .forEach(r -> lines.add(JSON.createObjectNode().put("text", r.text()).put("label", intent).toString())));
        Path train = Files.write(work.resolve("train.jsonl"), lines);
        assertThat(run("train", "--capability", "mini-gate", "--data", train.toString(), "--models-dir", models.toString(),
                "--folds", "3", "--head", "nearest-neighbours", "--neighbours", "5", "--citation", "Casanueva et al. 2020"))
                .isZero();
        assertThat(run("train", "--capability", "mini-softmax", "--data", train.toString(), "--models-dir",
                models.toString(), "--folds", "3", "--citation", "Casanueva et al. 2020")).isZero();
    }

    private static List<JsonNode> predict(String yaml, List<String> texts, String... extra) throws IOException {
        String capability = yaml.lines().findFirst().orElseThrow().replace("capability: ", "").trim();
        Files.writeString(processors.resolve(capability + ".yaml"), yaml);
        List<String> in = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            in.add(JSON.createObjectNode().put("id", "t" + i).put("text", texts.get(i)).toString());
        }
        Path input = Files.write(work.resolve("in.jsonl"), in);
        Path out = work.resolve("out.jsonl");
        List<String> args = new ArrayList<>(List.of("predict", "--capability", capability, "--in", input.toString(),
                "--out", out.toString(), "--processors-dir", processors.toString(), "--models-dir", models.toString()));
        args.addAll(List.of(extra));
        assertThat(run(args.toArray(String[]::new))).isZero();
        List<JsonNode> answers = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            answers.add(JSON.readTree(line));
        }
        return answers;
    }

    private static String tiers(String gate) {
        return """
                capability: mini-gate
                tiers:
                  - {name: frozen, kind: encoder-head, model: v1, threshold: 0.5%s}
                  - {name: people, kind: review-queue}
                """.formatted(gate);
    }

    @Test
    void theGateSendsGibberishAndTokensOnAndStillAnswersTheDomain() throws IOException {
        List<String> texts = List.of("my new card still has not arrived", "someone stole my card yesterday",
                "asdf qwerty zzz blorp", "<PERSON_1> <STREET_ADDRESS_1>");

        List<JsonNode> ungated = predict(tiers(""), texts);
        // without the gate a nearest-neighbour vote always finds some intent to be sure of
        assertThat(ungated.subList(2, 4)).anySatisfy(a -> assertThat(a.path("escalate").asBoolean()).isFalse());

        List<JsonNode> gated = predict(tiers(", minFamiliarity: 0.5"), texts);
        assertThat(gated.get(0).path("label").asText()).isEqualTo("card_arrival");
        assertThat(gated.get(1).path("label").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(gated.subList(0, 2)).allSatisfy(a -> assertThat(a.path("escalate").asBoolean()).isFalse());
        assertThat(gated.subList(2, 4)).allSatisfy(a -> assertThat(a.path("escalate").asBoolean()).isTrue());
    }

    @Test
    void theKnownWordsGateSendsAnotherLanguageOnFromTheListUnderModels() throws IOException {
        Files.createDirectories(models.resolve("words"));
        Files.copy(Path.of("models/pii-tagger/common-words.txt"), models.resolve("words/known.txt"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<String> texts = List.of("my new card still has not arrived", "Ma carte n'est toujours pas arrivée chez moi",
                "<PERSON_1> <STREET_ADDRESS_1>");

        List<JsonNode> gated = predict(tiers(", knownWords: {list: words/known.txt, minShare: 0.5}"), texts);
        assertThat(gated.get(0).path("label").asText()).isEqualTo("card_arrival");
        assertThat(gated.get(0).path("escalate").asBoolean()).isFalse();
        assertThat(gated.subList(1, 3)).allSatisfy(a -> assertThat(a.path("escalate").asBoolean()).isTrue());

        // a list that is not there is refused when the capability loads, not ignored
        Files.writeString(processors.resolve("mini-gate.yaml"), tiers(", knownWords: {list: words/missing.txt, minShare: 0.5}"));
        assertThat(run("predict", "--capability", "mini-gate", "--in", work.resolve("in.jsonl").toString(), "--out",
                work.resolve("never.jsonl").toString(), "--processors-dir", processors.toString(), "--models-dir",
                models.toString())).isNotZero();
        assertThat(Files.exists(work.resolve("never.jsonl"))).isFalse();
    }

    @Test
    void aGateNeedsANearestNeighbourModelToJudgeFamiliarity() throws IOException {
        Files.writeString(processors.resolve("mini-softmax.yaml"), """
                capability: mini-softmax
                tiers:
                  - {name: frozen, kind: encoder-head, model: v1, threshold: 0.5, minFamiliarity: 0.5}
                  - {name: people, kind: review-queue}
                """);
        Path input = Files.write(work.resolve("soft-in.jsonl"), List.of("{\"id\":\"a\",\"text\":\"where is my card\"}"));
        CliRun cli = new CliRun();
        assertThat(cli.run("predict", "--capability", "mini-softmax", "--in", input.toString(), "--out",
                work.resolve("soft-out.jsonl").toString(), "--processors-dir", processors.toString(),
                "--models-dir", models.toString())).isNotZero();
        assertThat(cli.err()).contains("tier frozen: minFamiliarity needs a nearest-neighbour model").doesNotContain("\tat ");
    }

    @Test
    void pseudonymisedPredictionsAreThoseOfTheTextTheDoorWouldPass() throws IOException {
        String asWritten = "email me at jane.doe@example.org, my card has still not arrived";
        String atTheDoor = "email me at <EMAIL_ADDRESS_1>, my card has still not arrived";

        // softmax regression: its confidence moves with every word, so what the model saw shows in it
        String softmax = """
                capability: mini-softmax
                tiers:
                  - {name: frozen, kind: encoder-head, model: v1, threshold: 0.5}
                  - {name: people, kind: review-queue}
                """;
        JsonNode pseudonymised = predict(softmax, List.of(asWritten), "--pseudonymise", "--tenant", "demo-bank",
                "--compliance-dir", compliance.toString()).get(0);
        JsonNode tokens = predict(softmax, List.of(atTheDoor)).get(0);
        JsonNode raw = predict(softmax, List.of(asWritten)).get(0);

        assertThat(pseudonymised.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "label", "confidence", "tier", "escalate");
        assertThat(pseudonymised.path("label").asText()).isEqualTo(tokens.path("label").asText());
        assertThat(pseudonymised.path("confidence").asDouble()).isCloseTo(tokens.path("confidence").asDouble(), within(1e-4));
        // the e-mail address itself is what the model saw without the flag: a different request to it
        assertThat(raw.path("confidence").asDouble()).isNotCloseTo(tokens.path("confidence").asDouble(), within(1e-4));
    }

    @Test
    void aTenantWithoutPseudonymisationIsAMistake() throws IOException {
        Path input = Files.write(work.resolve("t-in.jsonl"), List.of("{\"id\":\"a\",\"text\":\"where is my card\"}"));
        assertThat(run("predict", "--capability", "mini-gate", "--in", input.toString(), "--out",
                work.resolve("t-out.jsonl").toString(), "--processors-dir", processors.toString(),
                "--models-dir", models.toString(), "--tenant", "demo-bank")).isNotZero();
    }
}
