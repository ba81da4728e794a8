package io.agenthub.slm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains a head on frozen encoder features and writes it as a new model version: k-fold
 * cross-validation for honest metrics, a temperature fitted on the out-of-fold logits, the final head
 * on all the data, and (for capabilities with an out-of-scope label) a threshold tuned on separate data.
 */
public final class HeadTrainer {

    private final EncoderCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final PrintStream log;

    public HeadTrainer(EncoderCatalog catalog, ObjectMapper json, Clock clock, PrintStream log) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.log = log;
    }

    public ModelCard train(TrainingPlan plan) throws IOException {
        LabelledData data = LabelledData.read(plan.dataFiles());
        List<String> labels = data.labels();
        int[] y = data.labelIndices(labels);
        String parent = latestVersion(plan.modelsDir().resolve(plan.capability()));
        String version = nextVersion(parent);
        TunedNetwork network = plan.network() == null ? null : TunedNetwork.read(plan.network(), plan.encoderIds().get(0),
                plan.capability() + "/" + version + "/" + TunedNetwork.FILE, catalog, json, log);
        List<Encoder> encoders = network == null ? plan.encoderIds().stream().map(catalog::get).toList()
                : List.of(network.encoder());
        // figures about requests never seen leave out the examples a tuned network saw
        boolean[] unseen = network == null ? null
                : LabelledData.fromFiles(plan.dataFiles(), f -> !network.tuning().saw(f.toString()));
        log.printf("Encoding %d examples with %s%s%n", y.length, plan.encoderIds(),
                network == null ? "" : " tuned (" + plan.network() + ", tuned on " + network.tuning().tunedOn() + ")");
        float[][] x = Features.of(encoders, data.texts(), done -> progress(done, y.length));

        Head.Fitter fitter = plan.head().fitter();
        double[][] outOfFold = crossValidate(fitter, x, y, labels.size(), plan);
        // calibrated and measured on what the encoder never saw: a tuned network's own training examples sit too close
        double[][] judgedLogits = outOfFold;
        int[] judgedY = y;
        if (unseen != null) {
            int[] rows = java.util.stream.IntStream.range(0, y.length).filter(i -> unseen[i]).toArray();
            if (rows.length == 0) {
                throw new IllegalArgumentException("the tuned network saw every example of --data: nothing is left to measure it on");
            }
            judgedLogits = java.util.Arrays.stream(rows).mapToObj(i -> outOfFold[i]).toArray(double[][]::new);
            judgedY = java.util.Arrays.stream(rows).map(i -> y[i]).toArray();
        }
        double temperature = TemperatureScaling.fit(judgedLogits, judgedY);
        Metrics raw = Metrics.ofLogits(judgedLogits, judgedY, labels.size(), 1.0);
        Metrics calibrated = Metrics.ofLogits(judgedLogits, judgedY, labels.size(), temperature);
        log.printf("Cross-validated accuracy %.4f, macro-F1 %.4f, ECE %.4f -> %.4f at T=%.3f%s%n",
                calibrated.accuracy(), calibrated.macroF1(), raw.ece(), calibrated.ece(), temperature,
                unseen == null ? "" : " (on the " + judgedY.length + " examples the tuned network never saw)");
        for (Metrics.OperatingPoint point : calibrated.operatingPoints()) {
            log.printf("  for %.0f%% accuracy: threshold %.3f answers %.1f%% of requests%n", 100 * point.targetAccuracy(),
                    point.threshold(), 100 * point.coverage());
        }

        log.println("Fitting the final head on all examples");
        Head head = fitter.fit(x, y, labels.size()).withTemperature(temperature);

        Path dir = plan.modelsDir().resolve(plan.capability()).resolve(version);
        Files.createDirectories(dir);
        Path headFile = dir.resolve("head.bin");
        head.write(headFile);
        if (network != null) {
            Files.write(dir.resolve(TunedNetwork.FILE), network.delta());
        }

        ModelCard.OutOfScope outOfScope = null;
        ModelCard.Validation validation = null;
        if (plan.outOfScopeLabel() != null && plan.tuneFiles().isEmpty()) {
            OutOfScopeChoice choice = crossValidateOutOfScope(plan, data, x, y, labels, outOfFold, unseen);
            outOfScope = choice.rule();
            validation = choice.validation();
        } else if (plan.outOfScopeLabel() != null) {
            outOfScope = tuneOutOfScope(plan, head, labels, encoders);
        }
        ModelCard card = new ModelCard(plan.capability(), version, parent, clock.instant(),
                network == null
                        ? encoders.stream().map(e -> new ModelCard.EncoderRef(e.id(), e.digest(), e.dimension())).toList()
                        : List.of(new ModelCard.EncoderRef(plan.encoderIds().get(0), network.encoder().digest(),
                                network.encoder().dimension(), TunedNetwork.FILE)),
                plan.head().written(headFile.getFileName().toString(), Digests.sha256(headFile), temperature),
                labels,
                new ModelCard.TrainingData(data.files(), data.digest(), y.length, plan.citation()),
                new ModelCard.Evaluation(plan.folds(), plan.seed(), calibrated, raw.ece()),
                outOfScope, "agent-hub train", network == null ? null : network.tuning(), validation);
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("model-card.json").toFile(), card);
        log.printf("Wrote %s%n", dir);
        return card;
    }

    private double[][] crossValidate(Head.Fitter fitter, float[][] x, int[] y, int classes, TrainingPlan plan) {
        int[] fold = StratifiedFolds.assign(y, classes, plan.folds(), plan.seed());
        double[][] logits = new double[y.length][];
        for (int f = 0; f < plan.folds(); f++) {
            List<Integer> trainIdx = new ArrayList<>();
            List<Integer> testIdx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                (fold[i] == f ? testIdx : trainIdx).add(i);
            }
            float[][] trainX = trainIdx.stream().map(i -> x[i]).toArray(float[][]::new);
            int[] trainY = trainIdx.stream().mapToInt(i -> y[i]).toArray();
            Head head = fitter.fit(trainX, trainY, classes);
            for (int i : testIdx) {
                logits[i] = head.logits(x[i]);
            }
            log.printf("  fold %d/%d done%n", f + 1, plan.folds());
        }
        return logits;
    }

    private record OutOfScopeChoice(ModelCard.OutOfScope rule, ModelCard.Validation validation) {
    }

    /** The recall targets whose operating points the card and {@code eval --oos-folds} report. */
    public static final double[] RECALL_CURVE = {0.85, 0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98};

    /**
     * The minimum familiarity chosen without held-out tuning data: nested cross-validation over the training data's
     * in-scope and out-of-scope examples ({@link OutOfScopeCrossValidation}) for the figures, and the threshold at
     * the target recall on every out-of-scope example's out-of-fold familiarity for the rule.
     */
    private OutOfScopeChoice crossValidateOutOfScope(TrainingPlan plan, LabelledData data, float[][] x, int[] y,
                                                     List<String> labels, double[][] outOfFold, boolean[] unseen) {
        int oos = labels.indexOf(plan.outOfScopeLabel());
        if (oos < 0) {
            throw new IllegalArgumentException("--oos-label " + plan.outOfScopeLabel() + " is not a label of the training data;"
                    + " without --tune-data the out-of-scope examples must be in --data");
        }
        int[] predicted = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            predicted[i] = Softmax.argmax(outOfFold[i]);
        }
        double[] targets = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(RECALL_CURVE),
                java.util.stream.DoubleStream.of(plan.minOutOfScopeRecall())).distinct().sorted().toArray();
        log.println("Cross-validating the out-of-scope rule (nested: thresholds chosen inside each fold's training part)");
        OutOfScopeCrossValidation.Result result = OutOfScopeCrossValidation.run(x, y, labels.size(), oos, plan.head().fitter(),
                plan.folds(), plan.seed(), predicted, unseen, targets, log);
        OutOfScopeCrossValidation.print(result, log);
        boolean[] isOos = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            isOos[i] = y[i] == oos;
        }
        double threshold = result.threshold(plan.minOutOfScopeRecall(), isOos);
        OutOfScopeCrossValidation.Point chosen = result.curve().stream()
                .filter(p -> p.targetRecall() == plan.minOutOfScopeRecall()).findFirst().orElseThrow();
        log.printf("Out-of-scope below familiarity %.4f (recall %.2f of the out-of-fold out-of-scope familiarities)%n",
                threshold, plan.minOutOfScopeRecall());
        ModelCard.OutOfScope rule = new ModelCard.OutOfScope(plan.outOfScopeLabel(), 0, threshold, data.files(), data.digest(),
                chosen.inScopeAccuracy().mean(), chosen.outOfScopeRecall().mean());
        return new OutOfScopeChoice(rule, OutOfScopeCrossValidation.validation(result, plan.minOutOfScopeRecall(),
                plan.capability(), String.join(" ", data.files()), plan.folds()));
    }

    /**
     * Picks the lowest confidence threshold whose out-of-scope recall on the tuning data reaches the
     * target, which keeps in-scope accuracy as high as that recall allows; without any such threshold,
     * the one with the best mean of the two.
     */
    private ModelCard.OutOfScope tuneOutOfScope(TrainingPlan plan, Head head, List<String> labels,
                                                List<Encoder> encoders) throws IOException {
        LabelledData tune = LabelledData.read(plan.tuneFiles());
        String oos = plan.outOfScopeLabel();
        float[][] x = Features.of(encoders, tune.texts(), done -> { });
        int n = x.length;
        // a nearest-neighbour head judges by familiarity (similarity to the intents' examples), which
        // separates out-of-scope requests far better than its sharp vote probabilities
        boolean byFamiliarity = head instanceof NeighbourHead;
        double[] score = new double[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            double[] p = head.probabilities(x[i]);
            int k = Softmax.argmax(p);
            score[i] = byFamiliarity ? ((NeighbourHead) head).familiarity(x[i], labels.indexOf(oos)) : p[k];
            label[i] = labels.get(k);
        }
        double chosen = 0;
        double chosenInScope = 0;
        double chosenRecall = 0;
        double bestBalanced = -1;
        boolean reached = false;
        int steps = byFamiliarity ? 400 : 100;
        for (int step = 0; step <= steps; step++) {
            double threshold = (double) step / steps;
            int inScope = 0;
            int inScopeCorrect = 0;
            int outOfScope = 0;
            int outOfScopeCaught = 0;
            for (int i = 0; i < n; i++) {
                boolean saysOos = label[i].equals(oos) || score[i] < threshold;
                String truth = tune.examples().get(i).label();
                if (truth.equals(oos)) {
                    outOfScope++;
                    outOfScopeCaught += saysOos ? 1 : 0;
                } else {
                    inScope++;
                    inScopeCorrect += !saysOos && label[i].equals(truth) ? 1 : 0;
                }
            }
            double accuracy = inScope == 0 ? 0 : (double) inScopeCorrect / inScope;
            double recall = outOfScope == 0 ? 0 : (double) outOfScopeCaught / outOfScope;
            if (!reached && recall >= plan.minOutOfScopeRecall()) {
                reached = true;
                chosen = threshold;
                chosenInScope = accuracy;
                chosenRecall = recall;
            }
            if (!reached && (accuracy + recall) / 2 > bestBalanced) {
                bestBalanced = (accuracy + recall) / 2;
                chosen = threshold;
                chosenInScope = accuracy;
                chosenRecall = recall;
            }
        }
        log.printf("Out-of-scope %s %.4f: in-scope accuracy %.4f, out-of-scope recall %.4f on %s%n",
                byFamiliarity ? "below familiarity" : "below probability", chosen, chosenInScope, chosenRecall, tune.files());
        return new ModelCard.OutOfScope(oos, byFamiliarity ? 0 : chosen, byFamiliarity ? chosen : null, tune.files(),
                tune.digest(), chosenInScope, chosenRecall);
    }

    /** The highest {@code vN} under the capability folder, or null for the first version. */
    public static String latestVersion(Path capabilityDir) throws IOException {
        if (!Files.isDirectory(capabilityDir)) {
            return null;
        }
        try (var entries = Files.list(capabilityDir)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.matches("v\\d+"))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1))))
                    .orElse(null);
        }
    }

    /** The version after {@code parent}: v1 for the first. */
    public static String nextVersion(String parent) {
        return parent == null ? "v1" : "v" + (Integer.parseInt(parent.substring(1)) + 1);
    }

    private void progress(int done, int total) {
        if (done == total || done % 1024 < 64) {
            log.printf("  encoded %d/%d%n", done, total);
        }
    }
}
