package io.agenthub.cli;

import io.agenthub.capability.BatchScorer;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.Metrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Score a capability on labelled data it was not trained on: each in-process tier's model",
                "(accuracy, macro-F1, expected calibration error, accuracy at 80/90/95% coverage) and the cascade",
                "(share escalated, accuracy on the rest)."})
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--capability", required = true)
    String capability;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE", description = "CSV or JSONL labelled data.")
    List<Path> data;

    @Option(names = "--processors-dir", defaultValue = "processors")
    Path processorsDir;

    @Option(names = "--models-dir", defaultValue = "models")
    Path modelsDir;

    @Override
    public Integer call() throws Exception {
        LabelledData labelled = LabelledData.read(data);
        List<String> texts = labelled.texts();
        List<String> truth = labelled.examples().stream().map(LabelledData.Example::label).toList();
        try (CapabilityRegistry registry = LocalCapabilities.load(processorsDir, modelsDir, capability)) {
            CapabilityCascade cascade = registry.get(capability);
            System.out.printf("%s on %d examples (%s)%n%n", capability, texts.size(), labelled.digest());
            System.out.printf("%-12s %-28s %9s %9s %7s %8s %8s %8s%n", "tier", "model", "accuracy", "macro-F1",
                    "ECE", "acc@80%", "acc@90%", "acc@95%");
            for (CapabilityCascade.TierModel tier : cascade.inProcessModels()) {
                Metrics m = score(tier.model(), texts, truth);
                System.out.printf("%-12s %-28s %9.4f %9.4f %7.4f %8.4f %8.4f %8.4f%n", tier.tier(),
                        tier.model().card().capability() + "@" + tier.model().card().version(), m.accuracy(),
                        m.macroF1(), m.ece(), m.accuracyAtCoverage().get("0.8"), m.accuracyAtCoverage().get("0.9"),
                        m.accuracyAtCoverage().get("0.95"));
            }
            List<CascadeAnswer> answers = BatchScorer.scoreAll(cascade, texts, 32);
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
            outOfScopeLine(cascade, answers, truth);
        }
        return 0;
    }

    private static Metrics score(IntentModel model, List<String> texts, List<String> truth) {
        List<String> labels = model.card().labels();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        float[][] x = Features.of(model.encoders(), texts, done -> { });
        int n = texts.size();
        int[] predicted = new int[n];
        double[] confidence = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = model.probabilities(x[i]);
            int best = io.agenthub.slm.Softmax.argmax(p);
            predicted[i] = best;
            confidence[i] = p[best];
            // a label the model does not know (e.g. out-of-scope) can never be matched by the raw head
            y[i] = index.getOrDefault(truth.get(i), -1);
        }
        return Metrics.of(predicted, confidence, y, labels.size());
    }

    private static void outOfScopeLine(CapabilityCascade cascade, List<CascadeAnswer> answers, List<String> truth) {
        String oos = cascade.inProcessModels().stream().map(t -> t.model().card().outOfScope())
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
