package io.agenthub.slm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Makes a model version of an encoder tuned together with its classifier outside the hub
 * ({@code models/banking77-intent/finetune/tune.py}): the tuned network (int8 ONNX, the shape of a known
 * encoder), its linear classifier, and the out-of-fold logits of the same recipe run fold by fold. The
 * import checks that the folds are the hub's own, calibrates the classifier on the out-of-fold logits as
 * {@code train} does, checks that the hub's int8 network reproduces the tuning's own answers, and writes
 * the version folder with its model card.
 */
public final class TunedModelImport {

    /** What {@code agent-hub import-tuned} was asked for. */
    public record Plan(String capability, Path from, Path outOfFold, List<Path> dataFiles, long seed, Path modelsDir,
                       String citation) {
    }

    /** The share of the tuning's reference answers the hub's int8 network must agree with: int8 rounding flips a few close calls, a broken export most of them. */
    static final double MIN_AGREEMENT = 0.9;

    private final EncoderCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final PrintStream log;

    /** The version's network, kept as its difference from the base encoder the jar ships ({@link NetworkDelta}). */
    static final String NETWORK_FILE = "encoder.delta";

    public TunedModelImport(EncoderCatalog catalog, ObjectMapper json, Clock clock, PrintStream log) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    public ModelCard run(Plan plan) throws IOException {
        Path network = plan.from().resolve("encoder.onnx");
        Path headJson = plan.from().resolve("head.json");
        for (Path file : List.of(network, headJson, plan.outOfFold())) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no " + file);
            }
        }
        JsonNode tuned = json.readTree(headJson.toFile());
        List<String> labels = strings(tuned.path("labels"));
        LabelledData data = LabelledData.read(plan.dataFiles());
        if (!labels.equals(data.labels())) {
            throw new IllegalArgumentException(headJson + " has other labels than " + data.files());
        }
        int[] y = data.labelIndices(labels);
        int classes = labels.size();

        int[] fold = new int[y.length];
        float[][] outOfFold = readOutOfFold(plan.outOfFold(), y.length, classes, fold);
        int folds = Arrays.stream(fold).max().orElse(0) + 1;
        if (!Arrays.equals(fold, StratifiedFolds.assign(y, classes, folds, plan.seed()))) {
            throw new IllegalArgumentException(plan.outOfFold() + ": its folds are not the hub's " + folds
                    + " folds with seed " + plan.seed() + " (DumpIds writes those)");
        }
        double[][] logits = Arrays.stream(outOfFold).map(TunedModelImport::widen).toArray(double[][]::new);
        double temperature = TemperatureScaling.fit(logits, y);
        Metrics raw = Metrics.ofLogits(logits, y, classes, 1.0);
        Metrics calibrated = Metrics.ofLogits(logits, y, classes, temperature);
        log.printf("Out-of-fold accuracy %.4f, macro-F1 %.4f, ECE %.4f -> %.4f at T=%.3f (%d folds)%n",
                calibrated.accuracy(), calibrated.macroF1(), raw.ece(), calibrated.ece(), temperature, folds);

        String baseEncoder = tuned.path("baseEncoder").asText();
        byte[] networkBytes = Files.readAllBytes(network);
        String parent = HeadTrainer.latestVersion(plan.modelsDir().resolve(plan.capability()));
        String version = HeadTrainer.nextVersion(parent);
        String networkId = plan.capability() + "/" + version + "/" + NETWORK_FILE;
        byte[] delta = NetworkDelta.of(catalog.network(baseEncoder, networkId), networkBytes);
        Encoder encoder = catalog.tuned(baseEncoder, networkId, () -> networkBytes);
        LinearHead head = classifier(tuned, encoder.dimension(), temperature);
        checkAgainstTuning(tuned.path("reference"), data.texts(), encoder, head, log);

        Path dir = plan.modelsDir().resolve(plan.capability()).resolve(version);
        Files.createDirectories(dir);
        Files.write(dir.resolve(NETWORK_FILE), delta);
        head.write(dir.resolve("head.bin"));
        Path oofFile = dir.resolve("out-of-fold-logits.bin");
        try (OutputStream out = Files.newOutputStream(oofFile)) {
            OutOfFoldLogits.write(outOfFold, out);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> recipe = json.convertValue(tuned.path("recipe"), Map.class);
        ModelCard card = new ModelCard(plan.capability(), version, parent, clock.instant(),
                List.of(new ModelCard.EncoderRef(baseEncoder, Digests.sha256(networkBytes), encoder.dimension(), NETWORK_FILE)),
                new ModelCard.HeadSpec(ModelCard.HeadSpec.SOFTMAX_REGRESSION, "head.bin", Digests.sha256(dir.resolve("head.bin")),
                        null, null, null, null, temperature),
                labels,
                new ModelCard.TrainingData(data.files(), data.digest(), y.length, plan.citation()),
                new ModelCard.Evaluation(folds, plan.seed(), calibrated, raw.ece()),
                null, "models/" + plan.capability() + "/finetune/tune.py, agent-hub import-tuned",
                new ModelCard.Tuning(tuned.path("method").asText(null), recipe, oofFile.getFileName().toString(),
                        Digests.sha256(oofFile), data.files()));
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("model-card.json").toFile(), card);
        log.printf("Wrote %s%n", dir);
        return card;
    }

    /** JSON lines {"index","fold","logits"}: every example exactly once. */
    private float[][] readOutOfFold(Path file, int examples, int classes, int[] fold) throws IOException {
        float[][] logits = new float[examples][];
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row = json.readTree(line);
                int i = row.path("index").asInt(-1);
                if (i < 0 || i >= examples || logits[i] != null) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": index " + row.path("index")
                            + " is not a new example of the " + examples);
                }
                float[] values = floats(row.path("logits"));
                if (values.length != classes) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + values.length + " logits, not " + classes);
                }
                logits[i] = values;
                fold[i] = row.path("fold").asInt();
            }
        }
        for (int i = 0; i < examples; i++) {
            if (logits[i] == null) {
                throw new IllegalArgumentException(file + " has no logits for example " + i);
            }
        }
        return logits;
    }

    /**
     * The tuning recorded its own float32 logits for some training examples; the hub's int8 network with the
     * same classifier must pick the same label for nearly all of them, or the export went wrong.
     */
    static void checkAgainstTuning(JsonNode reference, List<String> texts, Encoder encoder, LinearHead head, PrintStream log) {
        List<Integer> rows = new java.util.ArrayList<>();
        reference.path("rows").forEach(r -> rows.add(r.asInt()));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("head.json has no reference answers to check the network against");
        }
        if (rows.stream().anyMatch(r -> r < 0 || r >= texts.size())) {
            throw new IllegalArgumentException("head.json's reference rows are not rows of the " + texts.size() + " texts");
        }
        float[][] vectors = encoder.embed(rows.stream().map(texts::get).toList());
        int agree = 0;
        double worst = 0;
        for (int k = 0; k < rows.size(); k++) {
            double[] expected = Softmax.of(widen(floats(reference.path("logits").get(k))), 1.0);
            double[] actual = Softmax.of(head.logits(vectors[k]), 1.0);
            agree += Softmax.argmax(expected) == Softmax.argmax(actual) ? 1 : 0;
            for (int c = 0; c < expected.length; c++) {
                worst = Math.max(worst, Math.abs(expected[c] - actual[c]));
            }
        }
        double agreement = (double) agree / rows.size();
        log.printf("The int8 network agrees with the tuning's float32 answers on %d of %d texts"
                + " (largest probability difference %.3f)%n", agree, rows.size(), worst);
        if (agreement < MIN_AGREEMENT) {
            throw new IllegalStateException("the int8 network agrees with the tuning on only " + agree + " of "
                    + rows.size() + " texts: the export does not match the tuned model");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** The tuning's linear classifier as head.json writes it: one weight row per label, and their biases. */
    static LinearHead classifier(JsonNode tuned, int dimension, double temperature) {
        int classes = tuned.path("labels").size();
        return new LinearHead(classes, dimension, flatten(tuned.path("weights"), classes), floats(tuned.path("bias")),
                temperature);
    }

    private static float[] flatten(JsonNode rows, int classes) {
        if (rows.size() != classes) {
            throw new IllegalArgumentException("head.json has " + rows.size() + " weight rows for " + classes + " labels");
        }
        int dimension = rows.get(0).size();
        float[] out = new float[classes * dimension];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(floats(rows.get(c)), 0, out, c * dimension, dimension);
        }
        return out;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
