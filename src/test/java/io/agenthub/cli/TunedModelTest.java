package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.Features;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.StratifiedFolds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * import-tuned, and a tuned model in predict and in the cascade's cross-validation. The "tuned" network here is
 * the shipped int8 bge-small itself, with a cosine classifier at the class centroids, fitted per fold for the
 * out-of-fold logits: everything tune.py hands over, without a tuning run.
 */
class TunedModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTENTS = List.of("card_arrival", "exchange_rate", "lost_or_stolen_card");
    private static final int FOLDS = 3;

    @TempDir
    static Path work;
    static Path models;
    static Path processors;
    static Path train;
    static Path tuned;
    static List<String> texts = new ArrayList<>();
    static int[] y;
    static float[][] logitsOutOfFold;
    static int[] fold;
    static EncoderCatalog catalog = new EncoderCatalog();

    @BeforeAll
    static void handOverATuning() throws IOException {
        models = Files.createDirectories(work.resolve("models"));
        processors = Files.createDirectories(work.resolve("processors"));
        Map<String, List<LabelledData.Example>> byIntent = LabelledData.read(List.of(Path.of("datasets/banking77/train.csv")))
                .examples().stream().filter(e -> INTENTS.contains(e.label()))
                .collect(Collectors.groupingBy(LabelledData.Example::label));
        List<String> lines = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < INTENTS.size(); c++) {
            for (LabelledData.Example e : byIntent.get(INTENTS.get(c)).subList(0, 30)) {
                lines.add(JSON.createObjectNode().put("text", e.text()).put("label", e.label()).toString());
                texts.add(e.text());
                labels.add(c);
            }
        }
        train = Files.write(work.resolve("train.jsonl"), lines);
        y = labels.stream().mapToInt(Integer::intValue).toArray();

        float[][] x = Features.of(List.of(catalog.get("bge-small-en-v1.5-q")), texts, done -> { });
        fold = StratifiedFolds.assign(y, INTENTS.size(), FOLDS, 42);
        logitsOutOfFold = new float[y.length][];
        for (int f = 0; f < FOLDS; f++) {
            float[][] w = centroids(x, f);
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == f) {
                    logitsOutOfFold[i] = logits(w, x[i]);
                }
            }
        }
        float[][] w = centroids(x, -1);
        tuned = Files.createDirectories(work.resolve("tuned"));
        try (InputStream network = TunedModelTest.class.getClassLoader().getResourceAsStream("bge-small-en-v1.5-q.onnx")) {
            Files.write(tuned.resolve("encoder.onnx"), network.readAllBytes());
        }
        ObjectNode head = JSON.createObjectNode();
        head.set("labels", JSON.valueToTree(INTENTS));
        head.put("baseEncoder", "bge-small-en-v1.5-q").put("method", "class centroids, no tuning (test)");
        head.set("weights", JSON.valueToTree(w));
        head.set("bias", JSON.valueToTree(new float[INTENTS.size()]));
        head.set("recipe", JSON.createObjectNode().put("epochs", 0));
        ObjectNode reference = head.putObject("reference");
        ArrayNode rows = reference.putArray("rows");
        ArrayNode referenceLogits = reference.putArray("logits");
        for (int i = 0; i < y.length; i += 7) {
            rows.add(i);
            referenceLogits.add(JSON.valueToTree(logits(w, x[i])));
        }
        JSON.writeValue(tuned.resolve("head.json").toFile(), head);
    }

    @AfterAll
    static void closeEncoders() {
        catalog.close();
    }

    /** A cosine classifier at scale 20 over the centroids of the examples outside {@code heldOut}. */
    private static float[][] centroids(float[][] x, int heldOut) {
        float[][] w = new float[INTENTS.size()][x[0].length];
        for (int i = 0; i < y.length; i++) {
            if (fold[i] != heldOut) {
                for (int d = 0; d < x[i].length; d++) {
                    w[y[i]][d] += x[i][d];
                }
            }
        }
        for (float[] row : w) {
            Features.normalise(row);
            for (int d = 0; d < row.length; d++) {
                row[d] *= 20;
            }
        }
        return w;
    }

    private static float[] logits(float[][] w, float[] v) {
        float[] out = new float[w.length];
        for (int c = 0; c < w.length; c++) {
            for (int d = 0; d < v.length; d++) {
                out[c] += w[c][d] * v[d];
            }
        }
        return out;
    }

    private static Path outOfFoldFile(String name, float[][] logits, int[] folds) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < logits.length; i++) {
            lines.add(JSON.createObjectNode().put("index", i).put("fold", folds[i])
                    .set("logits", JSON.valueToTree(logits[i])).toString());
        }
        return Files.write(work.resolve(name), lines);
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        var cli = AgentHubCli.commandLine();
        var err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = cli.execute(args);
            return new Run(exit, captured.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(original);
        }
    }

    private static Run importTuned(String capability, Path oof) {
        return run("import-tuned", "--capability", capability, "--from", tuned.toString(), "--oof", oof.toString(),
                "--data", train.toString(), "--models-dir", models.toString(), "--citation", "Casanueva et al. 2020");
    }

    @Test
    void importWritesAVersionWithItsOwnNetworkCalibratedOnTheOutOfFoldLogits() throws IOException {
        Run imported = importTuned("mini-tuned", outOfFoldFile("oof.jsonl", logitsOutOfFold, fold));

        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("agrees with the tuning's float32 answers on 13 of 13 texts");
        Path version = models.resolve("mini-tuned/v1");
        JsonNode card = JSON.readTree(version.resolve("model-card.json").toFile());
        JsonNode encoder = card.path("encoders").get(0);
        assertThat(encoder.path("id").asText()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(encoder.path("file").asText()).isEqualTo("encoder.delta");
        assertThat(version.resolve("encoder.onnx")).doesNotExist();
        assertThat(encoder.path("digest").asText()).isEqualTo(io.agenthub.slm.Digests.sha256(
                Files.readAllBytes(tuned.resolve("encoder.onnx"))));
        assertThat(card.path("crossValidation").path("folds").asInt()).isEqualTo(FOLDS);
        assertThat(card.path("crossValidation").path("calibrated").path("accuracy").asDouble()).isGreaterThan(0.85);
        assertThat(card.path("tuning").path("outOfFoldLogits").asText()).isEqualTo("out-of-fold-logits.bin");
        assertThat(card.path("tuning").path("recipe").path("epochs").asInt()).isZero();
        assertThat(card.path("createdWith").asText()).contains("import-tuned");

        Files.writeString(processors.resolve("mini-tuned.yaml"), """
                capability: mini-tuned
                tiers:
                  - {name: tuned, kind: encoder-head, model: v1, threshold: 0.5}
                  - {name: people, kind: review-queue}
                """);
        Path in = Files.write(work.resolve("in.jsonl"), List.of(
                "{\"id\":\"a\",\"text\":\"my card still has not arrived\"}",
                "{\"id\":\"b\",\"text\":\"what rate do you use to change pounds to euros\"}"));
        Path out = work.resolve("out.jsonl");
        Run predicted = run("predict", "--capability", "mini-tuned", "--in", in.toString(), "--out", out.toString(),
                "--processors-dir", processors.toString(), "--models-dir", models.toString());
        assertThat(predicted.exit()).as(predicted.err()).isZero();
        assertThat(Files.readAllLines(out)).extracting(l -> JSON.readTree(l).path("label").asText())
                .containsExactly("card_arrival", "exchange_rate");
    }

    @Test
    void crossValidationAnswersATunedModelFromItsStoredLogitsNotFromTheNetworkThatSawTheText() throws IOException {
        // the stored out-of-fold answer for text 0 says exchange_rate; the network, which saw the text, says card_arrival
        float[][] stored = logitsOutOfFold.clone();
        stored[0] = new float[] {0f, 20f, 0f};
        assertThat(importTuned("mini-tuned-cv", outOfFoldFile("oof-cv.jsonl", stored, fold)).exit()).isZero();
        Files.writeString(processors.resolve("mini-tuned-cv.yaml"), """
                capability: mini-tuned-cv
                tiers:
                  - {name: tuned, kind: encoder-head, model: v1, threshold: 0.5}
                  - {name: people, kind: review-queue}
                """);
        Path oof = work.resolve("eval-oof.jsonl");

        Run eval = run("eval", "--capability", "mini-tuned-cv", "--data", train.toString(), "--folds", "3", "--oof",
                oof.toString(), "--processors-dir", processors.toString(), "--models-dir", models.toString());

        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode first = Files.readAllLines(oof).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(l -> l.path("index").asInt() == 0).findFirst().orElseThrow();
        JsonNode p = first.path("tiers").path("tuned");
        assertThat(p.get(1).asDouble()).isGreaterThan(0.9);

        Path other = Files.write(work.resolve("other.jsonl"), List.of(
                "{\"text\":\"a sentence the network was never tuned on\",\"label\":\"card_arrival\"}",
                "{\"text\":\"nor this one\",\"label\":\"exchange_rate\"}",
                "{\"text\":\"nor this third\",\"label\":\"lost_or_stolen_card\"}"));
        Run refused = run("eval", "--capability", "mini-tuned-cv", "--data", other.toString(), "--folds", "3",
                "--processors-dir", processors.toString(), "--models-dir", models.toString());
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("is not in the data", "was tuned on");
    }

    @Test
    void trainFitsAFamiliarityHeadOnATunedNetworkAndJudgesItOnlyOnWhatTheNetworkNeverSaw() throws IOException {
        // the network was "tuned" on train.jsonl: head.json says so, and names the file its reference rows come from
        Path knn = Files.createDirectories(work.resolve("tuned-knn"));
        Files.copy(tuned.resolve("encoder.onnx"), knn.resolve("encoder.onnx"));
        ObjectNode head = (ObjectNode) JSON.readTree(tuned.resolve("head.json").toFile());
        head.set("tunedOn", JSON.valueToTree(List.of(train.toString())));
        ((ObjectNode) head.path("reference")).put("file", train.toString());
        JSON.writeValue(knn.resolve("head.json").toFile(), head);
        Map<String, List<LabelledData.Example>> byIntent = LabelledData.read(List.of(Path.of("datasets/banking77/train.csv")))
                .examples().stream().filter(e -> INTENTS.contains(e.label()))
                .collect(Collectors.groupingBy(LabelledData.Example::label));
        List<String> heldLines = new ArrayList<>();
        for (String intent : INTENTS) {
            byIntent.get(intent).subList(30, 40).forEach(e ->
                    heldLines.add(JSON.createObjectNode().put("text", e.text()).put("label", e.label()).toString()));
        }
        Path held = Files.write(work.resolve("held.jsonl"), heldLines);
        Path oos = work.resolve("oos.jsonl");
        Files.write(oos, Files.readAllLines(Path.of("datasets/clinc150/oos_train.jsonl")).subList(0, 30));

        Run trained = run("train", "--capability", "mini-oos", "--network", knn.toString(), "--encoders", "bge-small-en-v1.5-q",
                "--head", "nearest-neighbours", "--neighbours", "3", "--oos-label", "oos", "--min-oos-recall", "0.9",
                "--folds", "3", "--data", train.toString(), held.toString(), oos.toString(),
                "--models-dir", models.toString(), "--citation", "test");

        assertThat(trained.exit()).as(trained.err() + trained.out()).isZero();
        assertThat(trained.out()).contains("agrees with the tuning's float32 answers on 13 of 13 texts",
                "figures leave out the 90 examples the tuned network was trained on");
        Path version = models.resolve("mini-oos/v1");
        JsonNode card = JSON.readTree(version.resolve("model-card.json").toFile());
        assertThat(card.path("encoders").get(0).path("file").asText()).isEqualTo("encoder.delta");
        assertThat(version.resolve("encoder.delta")).exists();
        assertThat(card.path("tuning").path("tunedOn").get(0).asText()).isEqualTo(train.toString());
        assertThat(card.path("outOfScope").path("minFamiliarity").isNumber()).isTrue();
        assertThat(card.path("validation").path("protocol").asText()).contains("90 examples the tuned network was trained on");

        // eval --oos-folds loads the version's own network and leaves out the same examples
        Files.writeString(processors.resolve("mini-oos.yaml"), String.join("\n",
                "capability: mini-oos",
                "tiers:",
                "  - {name: ensemble, kind: encoder-head, model: v1, threshold: 0.5}",
                "  - {name: people, kind: review-queue}", ""));
        Run eval = run("eval", "--capability", "mini-oos", "--data", train.toString(), held.toString(), oos.toString(),
                "--oos-folds", "3", "--oos-recall", "0.9", "--processors-dir", processors.toString(),
                "--models-dir", models.toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("figures leave out the 90 examples the tuned network was trained on");
        double recall = card.path("validation").path("figures").path("outOfScopeRecall").path("mean").asDouble();
        assertThat(eval.out()).contains(String.format("%.4f [", recall));
        // the model votes in its tier: eval refits it per fold for its votes too, so its accuracy is train's out-of-fold one
        double accuracy = card.path("outOfScope").path("inScopeAccuracy").asDouble();
        assertThat(eval.out()).contains(String.format("0.90    %.4f [", accuracy));

        head.set("tunedOn", JSON.createArrayNode());
        JSON.writeValue(knn.resolve("head.json").toFile(), head);
        Run refused = run("train", "--capability", "mini-oos", "--network", knn.toString(), "--encoders", "bge-small-en-v1.5-q",
                "--head", "nearest-neighbours", "--oos-label", "oos", "--data", train.toString(), oos.toString(),
                "--models-dir", models.toString(), "--citation", "test");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("does not name the files the network was tuned on");
        assertThat(models.resolve("mini-oos/v2")).doesNotExist();
    }

    @Test
    void anExportThatDoesNotReproduceTheTuningsAnswersIsRefused() throws IOException {
        Path wrong = Files.createDirectories(work.resolve("wrong"));
        Files.copy(tuned.resolve("encoder.onnx"), wrong.resolve("encoder.onnx"));
        ObjectNode head = (ObjectNode) JSON.readTree(tuned.resolve("head.json").toFile());
        ArrayNode weights = (ArrayNode) head.path("weights");
        JsonNode first = weights.get(0);
        weights.set(0, weights.get(1));
        weights.set(1, first);  // the classifier's rows swapped: the network no longer gives the recorded answers
        JSON.writeValue(wrong.resolve("head.json").toFile(), head);

        Run refused = run("import-tuned", "--capability", "mini-wrong", "--from", wrong.toString(), "--oof",
                outOfFoldFile("oof-wrong.jsonl", logitsOutOfFold, fold).toString(), "--data", train.toString(),
                "--models-dir", models.toString());

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("the export does not match the tuned model");
        assertThat(models.resolve("mini-wrong")).doesNotExist();
    }

    @Test
    void outOfFoldLogitsFromOtherFoldsAreRefused() throws IOException {
        int[] shifted = new int[fold.length];
        for (int i = 0; i < fold.length; i++) {
            shifted[i] = (fold[i] + 1) % FOLDS;
        }

        Run refused = importTuned("mini-shifted", outOfFoldFile("oof-shifted.jsonl", logitsOutOfFold, shifted));

        assertThat(refused.exit()).isNotZero();
        assertThat(refused.err()).contains("its folds are not the hub's");
    }
}
