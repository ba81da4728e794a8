package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.capability.BatchScorer;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.capability.CascadeCrossValidation;
import io.agenthub.capability.TierAttempt;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a capability on labelled data it was not trained on: each in-process tier's model",
                "(accuracy, macro-F1, expected calibration error, accuracy at 80/90/95 %% coverage) and the cascade",
                "(share escalated, accuracy on the rest). With --folds K, the data is the training data itself:",
                "each tier's head is refitted on K-1 folds and the cascade answers the held-out fold.",
                "For an extracting capability (task: extract), --data is NLU++ fold files and the figures are slot F1,",
                "precision and recall; with --folds K the version's slot tagger is refitted on the other folds of each",
                "of K splits of consecutive files and scored on the held-out ones, as its model card's validation says."})
final class EvalCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--capability", required = true, description = "Capability id declared in processors/<id>.yaml.")
    String capability;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "CSV or JSONL labelled data.")
    List<Path> data;

    @Option(names = "--folds", defaultValue = "0", paramLabel = "K",
            description = "Cross-validate the cascade on the given training data with K folds (the folds train used).")
    int folds;

    @Option(names = "--oof", paramLabel = "FILE",
            description = "With --folds: write each text's out-of-fold probabilities per in-process tier as JSON lines"
                    + " {\"index\",\"fold\",\"label\",\"tiers\":{\"<tier>\":[p...]}} (labels in the model card's order),"
                    + " to blend a model trained elsewhere on the same folds.")
    Path oof;

    @Option(names = "--oos-folds", defaultValue = "0", paramLabel = "K",
            description = {"Cross-validate the out-of-scope rule by familiarity instead: K folds over the data's in-scope and",
                    "out-of-scope examples together, the familiarity model refitted per fold and its threshold chosen inside",
                    "each fold's training part (nested); prints the in-scope accuracy / out-of-scope recall curve with the",
                    "spread over folds, as the familiarity model's card records it."})
    int oosFolds;

    @Option(names = "--oos-recall", defaultValue = "0.95", paramLabel = "R",
            description = "With --oos-folds: the target out-of-scope recall detailed per fold (default: ${DEFAULT-VALUE}).")
    double oosRecall;

    @Option(names = "--processors-dir", defaultValue = "processors", description = "Capability declarations (default: ${DEFAULT-VALUE}).")
    Path processorsDir;

    @Option(names = "--models-dir", defaultValue = "models", description = "Model versions (default: ${DEFAULT-VALUE}).")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        if (SlotTaggerRuns.extracts(processorsDir, capability)) {
            SlotTaggerRuns.eval(capability, data, folds, processorsDir, modelsDir);
            return 0;
        }
        LabelledData labelled = LabelledData.read(data);
        List<String> texts = labelled.texts();
        List<String> truth = labelled.examples().stream().map(LabelledData.Example::label).toList();
        try (CapabilityRegistry registry = LocalCapabilities.load(processorsDir, modelsDir, capability)) {
            CapabilityCascade cascade = registry.get(capability);
            if (oosFolds > 0) {
                if (oosFolds < 2 || !(oosRecall > 0 && oosRecall <= 1)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--oos-folds must be at least 2 and --oos-recall in (0, 1]");
                }
                OutOfScopeEval.run(cascade, data, oosFolds, oosRecall, System.out);
                return 0;
            }
            System.out.printf("%s on %d examples (%s)%n%n", capability, texts.size(), labelled.digest());
            List<CascadeAnswer> answers;
            if (folds > 1) {
                System.out.printf("cross-validated, %d folds: every answer comes from heads that did not see it%n%n", folds);
                if (oof == null) {
                    answers = CascadeCrossValidation.run(cascade, texts, truth, folds, System.out);
                } else {
                    try (BufferedWriter out = Files.newBufferedWriter(oof)) {
                        ObjectMapper json = new ObjectMapper();
                        answers = CascadeCrossValidation.run(cascade, texts, truth, folds, System.out, line -> {
                            try {
                                out.write(json.writeValueAsString(line));
                                out.newLine();
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                    }
                }
                System.out.println();
            } else {
                tierTable(cascade, texts, truth);
                answers = BatchScorer.scoreAll(cascade, texts, 32);
            }
            int answered = 0;
            int answeredCorrect = 0;
            int correct = 0;
            for (int i = 0; i < answers.size(); i++) {
                boolean right = truth.get(i).equals(answers.get(i).label());
                correct += right ? 1 : 0;
                if (!answers.get(i).escalated()) {
                    answered++;
                    answeredCorrect += right ? 1 : 0;
                }
            }
            System.out.printf("%ncascade (in-process tiers): top-1 accuracy %.4f; escalated %.2f%%; accuracy on the %.2f%% answered %.4f%n",
                    (double) correct / texts.size(), 100.0 * (texts.size() - answered) / texts.size(),
                    100.0 * answered / texts.size(), answered == 0 ? 0 : (double) answeredCorrect / answered);
            Map<String, int[]> byTier = new java.util.LinkedHashMap<>();
            for (int i = 0; i < answers.size(); i++) {
                CascadeAnswer answer = answers.get(i);
                int[] counts = byTier.computeIfAbsent(answer.escalated() ? "(escalated)" : answer.tier(), k -> new int[2]);
                counts[0]++;
                counts[1] += truth.get(i).equals(answer.label()) ? 1 : 0;
            }
            byTier.forEach((tier, counts) -> System.out.printf("  %-14s %6.2f%% of requests, accuracy %.4f%n", tier,
                    100.0 * counts[0] / texts.size(), (double) counts[1] / counts[0]));
            if (folds > 1) {
                byFold(CascadeCrossValidation.foldsOf(cascade, truth, folds), folds, answers, truth);
            }
            outOfScopeLine(cascade, answers, truth);
            thresholdSweep(cascade, answers, truth);
        }
        return 0;
    }

    /** The cascade's figures on each held-out fold, and their range: how far one fold's luck moves them. */
    private static void byFold(int[] fold, int folds, List<CascadeAnswer> answers, List<String> truth) {
        double[][] figures = new double[folds][3];
        for (int f = 0; f < folds; f++) {
            int n = 0;
            int right = 0;
            int answered = 0;
            int answeredRight = 0;
            for (int i = 0; i < answers.size(); i++) {
                if (fold[i] != f) {
                    continue;
                }
                boolean correct = truth.get(i).equals(answers.get(i).label());
                n++;
                right += correct ? 1 : 0;
                if (!answers.get(i).escalated()) {
                    answered++;
                    answeredRight += correct ? 1 : 0;
                }
            }
            figures[f] = new double[]{(double) right / n, 100.0 * (n - answered) / n,
                    answered == 0 ? 0 : (double) answeredRight / answered};
        }
        System.out.println("  by fold (top-1, escalated, accuracy on the answered):");
        for (int f = 0; f < folds; f++) {
            System.out.printf("    fold %d  %.4f  %6.2f%%  %.4f%n", f + 1, figures[f][0], figures[f][1], figures[f][2]);
        }
        System.out.printf("    range   %.4f-%.4f  %.2f-%.2f%%  %.4f-%.4f%n", min(figures, 0), max(figures, 0),
                min(figures, 1), max(figures, 1), min(figures, 2), max(figures, 2));
    }

    private static double min(double[][] rows, int column) {
        return java.util.Arrays.stream(rows).mapToDouble(r -> r[column]).min().orElse(Double.NaN);
    }

    private static double max(double[][] rows, int column) {
        return java.util.Arrays.stream(rows).mapToDouble(r -> r[column]).max().orElse(Double.NaN);
    }

    /**
     * What other thresholds of the last in-process tier would do, the earlier tiers as declared: exact,
     * because every request that reached that tier carries its attempt.
     */
    private static void thresholdSweep(CapabilityCascade cascade, List<CascadeAnswer> answers, List<String> truth) {
        List<CapabilityCascade.TierModel> tiers = cascade.inProcessModels();
        String last = tiers.get(tiers.size() - 1).tier();
        System.out.printf("%nthreshold of tier %s (declared %.2f): escalated, accuracy on the answered%n", last,
                tiers.get(tiers.size() - 1).threshold());
        for (int step = 30; step <= 95; step += 5) {
            double threshold = step / 100.0;
            int answered = 0;
            int right = 0;
            for (int i = 0; i < answers.size(); i++) {
                CascadeAnswer answer = answers.get(i);
                String label = !answer.escalated() && !answer.tier().equals(last) ? answer.label()
                        : answer.attempts().stream()
                                .filter(a -> a.tier().equals(last) && a.confidence() != null && a.confidence() >= threshold
                                        && !a.rejectedAsUnfamiliar() && cascade.allowedLabels().contains(a.label()))
                                .map(TierAttempt::label).findFirst().orElse(null);
                if (label != null) {
                    answered++;
                    right += label.equals(truth.get(i)) ? 1 : 0;
                }
            }
            System.out.printf("  %.2f  %6.2f%%  %.4f%n", threshold, 100.0 * (answers.size() - answered) / answers.size(),
                    answered == 0 ? 0 : (double) right / answered);
        }
    }

    private static void tierTable(CapabilityCascade cascade, List<String> texts, List<String> truth) {
        System.out.printf("%-12s %-28s %9s %9s %7s %8s %8s %8s %10s%n", "tier", "model", "accuracy", "macro-F1",
                "ECE", "acc@80%", "acc@90%", "acc@95%", "t@98%acc");
        Map<String, Scores> scores = new java.util.LinkedHashMap<>();
        for (CapabilityCascade.TierModel tier : cascade.inProcessModels()) {
            Scores tierScores = scores(tier.ensemble(), texts);
            scores.put(tier.tier(), tierScores);
            Metrics m = score(tierScores.probabilities(), tier.ensemble().labels(), truth);
            double at98 = m.operatingPoints().stream().filter(point -> point.targetAccuracy() == 0.98)
                    .mapToDouble(Metrics.OperatingPoint::threshold).findFirst().orElse(Double.NaN);
            System.out.printf("%-12s %-28s %9.4f %9.4f %7.4f %8.4f %8.4f %8.4f %10.3f%n", tier.tier(),
                    tier.ensemble().id(), m.accuracy(),
                    m.macroF1(), m.ece(), m.accuracyAtCoverage().get("0.8"), m.accuracyAtCoverage().get("0.9"),
                    m.accuracyAtCoverage().get("0.95"), at98);
        }
        for (CapabilityCascade.TierModel tier : cascade.inProcessModels()) {
            outOfScopeSweep(tier, scores.get(tier.tier()), truth);
        }
    }

    /** A tier's calibrated probabilities for each text, and its familiarity (NaN when it cannot tell). */
    private record Scores(double[][] probabilities, double[] familiarity) {
    }

    private static Scores scores(IntentEnsemble ensemble, List<String> texts) {
        List<float[][]> x = ensemble.members().stream().map(m -> Features.of(m.encoders(), texts, done -> { })).toList();
        double[][] p = new double[texts.size()][];
        double[] familiarity = new double[texts.size()];
        for (int i = 0; i < p.length; i++) {
            int row = i;
            List<float[]> features = x.stream().map(f -> f[row]).toList();
            p[i] = ensemble.probabilities(features);
            familiarity[i] = ensemble.familiarity(features);
        }
        return new Scores(p, familiarity);
    }

    private static Metrics score(double[][] probabilities, List<String> labels, List<String> truth) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int n = probabilities.length;
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int best = io.agenthub.slm.Softmax.argmax(probabilities[i]);
            predicted[i] = best;
            confidence[i] = probabilities[i][best];
            // a label the model does not know (e.g. out-of-scope) can never be matched by the raw head
            y[i] = index.getOrDefault(truth.get(i), -1);
        }
        return Metrics.of(predicted, confidence, y, labels.size());
    }

    /**
     * For a tier with an out-of-scope label, on data with out-of-scope examples: in-scope accuracy and
     * out-of-scope recall at other thresholds, to choose the tier's {@code outOfScopeThreshold} on held-out data.
     */
    private static void outOfScopeSweep(CapabilityCascade.TierModel tier, Scores scores, List<String> truth) {
        var rule = tier.ensemble().outOfScope();
        if (rule == null || truth.stream().noneMatch(rule.label()::equals)) {
            return;
        }
        boolean byFamiliarity = rule.minFamiliarity() != null && !Double.isNaN(scores.familiarity()[0]);
        System.out.printf("%nout-of-scope %s of tier %s (now %.3f): in-scope accuracy, out-of-scope recall%n",
                byFamiliarity ? "minimum familiarity" : "probability threshold", tier.tier(),
                byFamiliarity ? rule.minFamiliarity() : rule.threshold());
        List<String> labels = tier.ensemble().labels();
        for (int step = 0; step <= 15; step++) {
            // familiarity: steps of 0.005 around the declared value (0.75-0.825 for v6's 0.790)
            double cut = byFamiliarity ? Math.round((rule.minFamiliarity() - 0.04) * 200) / 200.0 + step * 0.005 : 0.20 + step * 0.05;
            int in = 0;
            int inRight = 0;
            int out = 0;
            int caught = 0;
            for (int i = 0; i < scores.probabilities().length; i++) {
                double[] p = scores.probabilities()[i];
                int best = io.agenthub.slm.Softmax.argmax(p);
                String label = labels.get(best);
                boolean saysOos = label.equals(rule.label()) || (byFamiliarity
                        ? p[best] < rule.threshold() || scores.familiarity()[i] < cut : p[best] < cut);
                if (truth.get(i).equals(rule.label())) {
                    out++;
                    caught += saysOos ? 1 : 0;
                } else {
                    in++;
                    inRight += !saysOos && label.equals(truth.get(i)) ? 1 : 0;
                }
            }
            System.out.printf("  %.3f  %.4f  %.4f%n", cut, (double) inRight / Math.max(1, in), (double) caught / Math.max(1, out));
        }
    }

    private static void outOfScopeLine(CapabilityCascade cascade, List<CascadeAnswer> answers, List<String> truth) {
        String oos = cascade.inProcessModels().stream().map(t -> t.ensemble().outOfScope())
                .filter(java.util.Objects::nonNull).map(o -> o.label()).findFirst().orElse(null);
        if (oos == null || truth.stream().noneMatch(oos::equals)) {
            return;
        }
        int in = 0;
        int inCorrect = 0;
        int out = 0;
        int caught = 0;
        for (int i = 0; i < answers.size(); i++) {
            if (truth.get(i).equals(oos)) {
                out++;
                caught += oos.equals(answers.get(i).label()) ? 1 : 0;
            } else {
                in++;
                inCorrect += truth.get(i).equals(answers.get(i).label()) ? 1 : 0;
            }
        }
        System.out.printf("out-of-scope: in-scope accuracy %.4f (%d), out-of-scope recall %.4f (%d)%n",
                (double) inCorrect / Math.max(1, in), in, (double) caught / Math.max(1, out), out);
    }
}
