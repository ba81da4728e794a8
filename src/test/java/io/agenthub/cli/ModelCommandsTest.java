package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.slm.LabelledData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
 * train, eval and predict on a small slice of BANKING77 (three intents), end to end through the
 * command line as a user runs them.
 */
class ModelCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTENTS = List.of("card_arrival", "lost_or_stolen_card", "exchange_rate");

    @TempDir
    static Path work;
    static Path models;
    static Path processors;
    static Path train;
    static Path heldOut;
    static String trainOutput;

    private static int run(String... args) {
        return AgentHubCli.commandLine().execute(args);
    }

    @BeforeAll
    static void trainASmallCapability() throws IOException {
        models = Files.createDirectories(work.resolve("models"));
        processors = Files.createDirectories(work.resolve("processors"));
        Map<String, List<LabelledData.Example>> byIntent = LabelledData.read(List.of(Path.of("datasets/banking77/train.csv")))
                .examples().stream().filter(e -> INTENTS.contains(e.label()))
                .collect(Collectors.groupingBy(LabelledData.Example::label));
        List<String> trainLines = new ArrayList<>();
        List<String> heldOutLines = new ArrayList<>();
        byIntent.forEach((intent, rows) -> {
            rows.subList(0, 40).forEach(r -> trainLines.add(JSON.createObjectNode().put("text", r.text()).put("label", intent).toString()));
            rows.subList(40, 55).forEach(r -> heldOutLines.add(JSON.createObjectNode().put("text", r.text()).put("label", intent).toString()));
        });
        train = Files.write(work.resolve("train.jsonl"), trainLines);
        heldOut = Files.write(work.resolve("held-out.jsonl"), heldOutLines);
        Files.writeString(processors.resolve("mini-intent.yaml"), """
                capability: mini-intent
                tiers:
                  - name: minilm
                    kind: encoder-head
                    model: v1
                    threshold: 0.7
                  - name: people
                    kind: review-queue
                """);

        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(run("train", "--capability", "mini-intent", "--data", train.toString(), "--models-dir",
                    models.toString(), "--folds", "3", "--citation", "Casanueva et al. 2020")).isZero();
        } finally {
            System.setOut(original);
        }
        trainOutput = captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainWritesAVersionWithAModelCardThatTracesItsDataAndEncoders() throws IOException {
        JsonNode card = JSON.readTree(models.resolve("mini-intent/v1/model-card.json").toFile());

        assertThat(trainOutput).contains("Cross-validated accuracy");
        assertThat(card.path("labels")).hasSize(3);
        assertThat(card.path("encoders").get(0).path("id").asText()).isEqualTo("all-minilm-l6-v2");
        assertThat(card.path("encoders").get(0).path("digest").asText()).startsWith("sha256:");
        assertThat(card.path("trainingData").path("examples").asInt()).isEqualTo(120);
        assertThat(card.path("trainingData").path("digest").asText()).startsWith("sha256:");
        assertThat(card.path("trainingData").path("citation").asText()).contains("Casanueva");
        assertThat(card.path("crossValidation").path("calibrated").path("accuracy").asDouble()).isGreaterThan(0.85);
        assertThat(card.path("head").path("temperature").asDouble()).isPositive();
        assertThat(card.path("createdAt").asText()).isNotBlank();
        assertThat(Files.size(models.resolve("mini-intent/v1/head.bin"))).isGreaterThan(3 * 384 * 4);
    }

    @Test
    void aHeadThatNoLongerMatchesItsCardIsRefused() throws IOException {
        Path copy = Files.createDirectories(work.resolve("tampered/mini-intent/v1"));
        Files.copy(models.resolve("mini-intent/v1/model-card.json"), copy.resolve("model-card.json"));
        byte[] head = Files.readAllBytes(models.resolve("mini-intent/v1/head.bin"));
        head[head.length - 1] ^= 1;
        Files.write(copy.resolve("head.bin"), head);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> io.agenthub.slm.IntentModel.load(
                        io.agenthub.slm.IntentModel.VersionFiles.in(copy), io.agenthub.app.JsonMapper.create(), new io.agenthub.slm.EncoderCatalog()))
                .hasMessageContaining("does not match the digest");
    }

    @Test
    void predictWritesOneAnswerPerInputLineInOrder() throws IOException {
        Path in = Files.write(work.resolve("in.jsonl"), List.of(
                "{\"id\":\"a\",\"text\":\"my card still has not arrived\"}",
                "{\"id\":\"b\",\"text\":\"someone stole my card\"}",
                "{\"id\":7,\"text\":\"what rate do you use to change pounds to euros\"}"));
        Path out = work.resolve("out.jsonl");

        assertThat(run("predict", "--capability", "mini-intent", "--in", in.toString(), "--out", out.toString(),
                "--processors-dir", processors.toString(), "--models-dir", models.toString())).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("id").asText()).containsExactly("a", "b", "7");
        assertThat(lines).extracting(l -> l.path("label").asText())
                .containsExactly("card_arrival", "lost_or_stolen_card", "exchange_rate");
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "label", "confidence", "tier", "escalate");
            assertThat(l.path("confidence").asDouble()).isBetween(0.0, 1.0);
            assertThat(l.path("tier").asText()).isEqualTo("minilm");
        });
    }

    @Test
    void evalPrintsTheMetricsTable() {
        CommandLine cli = AgentHubCli.commandLine();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(cli.execute("eval", "--capability", "mini-intent", "--data", heldOut.toString(),
                    "--processors-dir", processors.toString(), "--models-dir", models.toString())).isZero();
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("accuracy", "macro-F1", "ECE", "acc@80%", "acc@90%", "acc@95%", "mini-intent@v1", "escalated");
    }

    private static String printed(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEnsembleTierOfARegressionAndNearestNeighboursIsCrossValidatedAsACascade() throws IOException {
        String[] common = {"--capability", "mini-ensemble", "--data", train.toString(), "--models-dir", models.toString(),
                "--folds", "3"};
        printed(concat("train", common));
        String knn = printed(concat("train", concat(common, "--head", "nearest-neighbours", "--neighbours", "5")));
        Files.writeString(processors.resolve("mini-ensemble.yaml"), """
                capability: mini-ensemble
                tiers:
                  - {name: minilm, kind: encoder-head, model: v1, threshold: 0.95}
                  - {name: ensemble, kind: encoder-head, models: [v1, v2], threshold: 0.5}
                  - {name: people, kind: review-queue}
                """);

        JsonNode card = JSON.readTree(models.resolve("mini-ensemble/v2/model-card.json").toFile());
        assertThat(card.path("head").path("type").asText()).isEqualTo("nearest-neighbours");
        assertThat(card.path("head").path("neighbours").asInt()).isEqualTo(5);
        assertThat(card.path("crossValidation").path("calibrated").path("operatingPoints")).hasSize(3);
        assertThat(knn).contains("for 98% accuracy: threshold");

        Path oof = work.resolve("oof.jsonl");
        String eval = printed("eval", "--capability", "mini-ensemble", "--data", train.toString(), "--folds", "3",
                "--oof", oof.toString(), "--processors-dir", processors.toString(), "--models-dir", models.toString());
        // every training text once, with its fold and each in-process tier's probabilities over the labels
        List<String> oofLines = Files.readAllLines(oof);
        assertThat(oofLines).hasSize(Files.readAllLines(train).size());
        JsonNode first = new ObjectMapper().readTree(oofLines.get(0));
        assertThat(first.path("fold").asInt()).isBetween(0, 2);
        assertThat(first.path("tiers").size()).isGreaterThanOrEqualTo(1);
        first.path("tiers").elements().forEachRemaining(p -> {
            double sum = 0;
            for (var v : p) {
                sum += v.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, within(1e-6));
        });
        assertThat(eval).contains("cross-validated, 3 folds", "cascade (in-process tiers): top-1 accuracy",
                "threshold of tier ensemble (declared 0.50)");
        double topOne = Double.parseDouble(eval.replaceAll("(?s).*top-1 accuracy ([0-9.]+);.*", "$1"));
        assertThat(topOne).isGreaterThan(0.85);
        // each held-out fold's figures, and their range: the pooled top-1 lies inside it
        assertThat(eval).contains("by fold (top-1, escalated, accuracy on the answered):", "    fold 3  ");
        String[] range = eval.replaceAll("(?s).*\n    range   ([0-9.]+)-([0-9.]+)  .*", "$1 $2").split(" ");
        assertThat(topOne).isBetween(Double.parseDouble(range[0]), Double.parseDouble(range[1]));

        Path in = Files.write(work.resolve("ensemble-in.jsonl"), List.of("{\"id\":\"a\",\"text\":\"my new card still has not come\"}"));
        Path out = work.resolve("ensemble-out.jsonl");
        assertThat(run("predict", "--capability", "mini-ensemble", "--in", in.toString(), "--out", out.toString(),
                "--processors-dir", processors.toString(), "--models-dir", models.toString())).isZero();
        JsonNode answer = JSON.readTree(Files.readAllLines(out).get(0));
        assertThat(answer.path("label").asText()).isEqualTo("card_arrival");
        assertThat(answer.path("tier").asText()).isIn("minilm", "ensemble");
    }

    @Test
    void anOutOfScopeRuleByFamiliarityIsChosenByNestedCrossValidationAndEvalReproducesIt() throws IOException {
        List<String> oosLines = LabelledData.read(List.of(Path.of("datasets/clinc150/oos_train.jsonl"))).examples().stream()
                .limit(30).map(e -> JSON.createObjectNode().put("text", e.text()).put("label", "oos").toString()).toList();
        Path oos = Files.write(work.resolve("oos.jsonl"), oosLines);
        String[] where = {"--capability", "mini-oos", "--models-dir", models.toString(), "--folds", "3"};
        // the voter never sees held-out.jsonl; the familiarity model (v2) is fitted on everything
        printed(concat("train", concat(where, "--data", train.toString(), oos.toString())));
        String knn = printed(concat("train", concat(where, "--data", train.toString(), heldOut.toString(), oos.toString(),
                "--head", "nearest-neighbours", "--neighbours", "3", "--oos-label", "oos", "--min-oos-recall", "0.9")));
        Files.writeString(processors.resolve("mini-oos.yaml"), """
                capability: mini-oos
                tiers:
                  - {name: ensemble, kind: encoder-head, models: [v2, v1], weights: [0, 1], threshold: 0.5}
                  - {name: people, kind: review-queue}
                """);

        JsonNode validation = JSON.readTree(models.resolve("mini-oos/v2/model-card.json").toFile()).path("validation");
        assertThat(knn).contains("nested", "Out-of-scope below familiarity");
        assertThat(validation.path("protocol").asText()).contains("3-fold", "nested");
        assertThat(validation.path("figures").path("outOfScopeRecall").path("perFold")).hasSize(3);
        assertThat(validation.path("command").asText()).contains("--capability mini-oos", "--oos-folds 3", "--oos-recall 0.9");

        String eval = printed("eval", "--capability", "mini-oos", "--data", train.toString(), heldOut.toString(), oos.toString(),
                "--oos-folds", "3", "--oos-recall", "0.9", "--processors-dir", processors.toString(), "--models-dir",
                models.toString());
        // the same folds and fits as train's: the card's recall and rejections, now with the voter's accuracy on held-out.jsonl
        String recall = String.format(java.util.Locale.ROOT, "%.4f", validation.path("figures").path("outOfScopeRecall").path("mean").asDouble());
        String rejected = String.format(java.util.Locale.ROOT, "%.4f", validation.path("figures").path("inScopeRejected").path("mean").asDouble());
        String line = eval.lines().filter(l -> l.trim().startsWith("0.90 ")).findFirst().orElseThrow();
        assertThat(line).contains(recall, rejected);
        assertThat(eval).contains("on the 45 examples from files none of them was trained on", "at target recall 0.90, per fold:");
        double accuracy = Double.parseDouble(line.trim().split("\\s+")[1]);
        assertThat(accuracy).isGreaterThan(0.7);

        // familiarity with a margin against the out-of-scope examples: recorded in the card, and eval refits with it
        printed(concat("train", concat(where, "--data", train.toString(), heldOut.toString(), oos.toString(),
                "--head", "nearest-neighbours", "--neighbours", "3", "--oos-label", "oos", "--min-oos-recall", "0.9",
                "--oos-margin", "0.5")));
        JsonNode margined = JSON.readTree(models.resolve("mini-oos/v3/model-card.json").toFile());
        assertThat(margined.path("head").path("outOfScopeMargin").asDouble()).isEqualTo(0.5);
        assertThat(JSON.readTree(models.resolve("mini-oos/v2/model-card.json").toFile()).path("head").has("outOfScopeMargin")).isFalse();
        Files.writeString(processors.resolve("mini-oos.yaml"), Files.readString(processors.resolve("mini-oos.yaml")).replace("[v2, v1]", "[v3, v1]"));
        String marginRecall = String.format(java.util.Locale.ROOT, "%.4f",
                margined.path("validation").path("figures").path("outOfScopeRecall").path("mean").asDouble());
        String marginEval = printed("eval", "--capability", "mini-oos", "--data", train.toString(), heldOut.toString(), oos.toString(),
                "--oos-folds", "3", "--oos-recall", "0.9", "--processors-dir", processors.toString(), "--models-dir",
                models.toString());
        assertThat(marginEval.lines().filter(l -> l.trim().startsWith("0.90 ")).findFirst().orElseThrow()).contains(marginRecall);
        assertThat(marginEval).contains(String.format(java.util.Locale.ROOT, "(the tier declares %.4f)",
                margined.path("outOfScope").path("minFamiliarity").asDouble()));
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String[] concat(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void badInputToTheCommandsIsAClearErrorWithANonZeroExit() throws IOException {
        StringWriter err = new StringWriter();
        CommandLine cli = AgentHubCli.commandLine();
        cli.setErr(new PrintWriter(err));
        Path broken = Files.write(work.resolve("broken.jsonl"), List.of("{\"id\":\"a\",\"text\":\"fine\"}", "{not json"));

        assertThat(cli.execute("predict", "--capability", "mini-intent", "--in", broken.toString(), "--out",
                work.resolve("never.jsonl").toString(), "--processors-dir", processors.toString(),
                "--models-dir", models.toString())).isNotZero();
        assertThat(err.toString()).contains("line 2").doesNotContain("\tat ");
        assertThat(Files.exists(work.resolve("never.jsonl"))).isFalse();

        assertThat(cli.execute("predict", "--capability", "no-such", "--in", broken.toString(), "--out", "x",
                "--processors-dir", processors.toString())).isNotZero();
        assertThat(cli.execute("train", "--capability", "Bad Name", "--data", train.toString())).isNotZero();
        assertThat(cli.execute("train", "--capability", "mini-intent", "--data", train.toString(), "--models-dir", models.toString(),
                "--oos-margin", "0.5")).as("a margin needs nearest neighbours").isEqualTo(2);
        assertThat(cli.execute("train", "--capability", "mini-intent", "--data", train.toString(), "--models-dir", models.toString(),
                "--head", "nearest-neighbours", "--oos-margin", "0.5")).as("and an out-of-scope label").isEqualTo(2);
        assertThat(err.toString()).contains("--oos-margin needs --head nearest-neighbours", "--oos-margin must be 0 or more, and needs --oos-label");
    }
}
