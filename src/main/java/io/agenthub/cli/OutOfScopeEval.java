package io.agenthub.cli;

import io.agenthub.capability.CapabilityCascade;
import io.agenthub.slm.Encoder;
import io.agenthub.slm.Features;
import io.agenthub.slm.Head;
import io.agenthub.slm.HeadTrainer;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.OutOfScopeCrossValidation;
import io.agenthub.slm.Softmax;
import io.agenthub.slm.StratifiedFolds;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code eval --oos-folds K}: the nested cross-validation of a tier's minimum-familiarity rule that {@code train}
 * ran for the familiarity model's card ({@link OutOfScopeCrossValidation}), on the same data, with the tier's in-scope
 * accuracy beside it. The other voting models are not refitted: their answers count only on examples from files they
 * were not trained on (for CLINC150's shipped voters, {@code val} and {@code oos_val}). The familiarity model, when it
 * votes too, is refitted per fold for its votes as for its rule.
 */
final class OutOfScopeEval {

    private OutOfScopeEval() {
    }

    static void run(CapabilityCascade cascade, List<Path> files, int folds, double recall, PrintStream out) throws IOException {
        CapabilityCascade.TierModel tier = cascade.inProcessModels().stream()
                .filter(t -> t.ensemble().outOfScope() != null && t.ensemble().outOfScope().minFamiliarity() != null)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(cascade.capability()
                        + " has no tier whose out-of-scope rule uses familiarity; --oos-folds needs one"));
        IntentEnsemble ensemble = tier.ensemble();
        IntentModel judge = ensemble.members().stream()
                .filter(m -> m.card().outOfScope() != null && m.card().outOfScope().minFamiliarity() != null)
                .findFirst().orElseThrow();
        String oosLabel = ensemble.outOfScope().label();
        List<String> labels = ensemble.labels();

        List<String> texts = new ArrayList<>();
        List<String> fileOf = new ArrayList<>();
        int[] y;
        List<Integer> indices = new ArrayList<>();
        for (Path file : files) {
            for (LabelledData.Example example : LabelledData.read(List.of(file)).examples()) {
                int label = labels.indexOf(example.label());
                if (label < 0) {
                    throw new IllegalArgumentException(file + ": label '" + example.label() + "' is not one of "
                            + cascade.capability() + "'s labels");
                }
                texts.add(example.text());
                fileOf.add(file.normalize().toString());
                indices.add(label);
            }
        }
        y = indices.stream().mapToInt(Integer::intValue).toArray();
        LabelledData all = LabelledData.read(files);
        out.printf("%s, tier %s (%s): out-of-scope rule of %s@%s on %d examples (%s)%n%n", cascade.capability(), tier.tier(),
                ensemble.id(), judge.card().capability(), judge.card().version(), texts.size(), all.digest());

        Map<String, float[][]> byEncoders = new HashMap<>();
        List<float[][]> memberFeatures = new ArrayList<>();
        for (IntentModel member : ensemble.members()) {
            String key = member.encoders().stream().map(Encoder::id).toList().toString();
            if (!byEncoders.containsKey(key)) {
                out.printf("Encoding %d examples with %s%n", texts.size(), key);
                byEncoders.put(key, Features.of(member.encoders(), texts, done -> { }));
            }
            memberFeatures.add(byEncoders.get(key));
        }
        float[][] x = memberFeatures.get(ensemble.members().indexOf(judge));

        // the voters' answers count where no voter saw the example (the familiarity model is refitted per fold)
        Set<String> seen = new HashSet<>();
        for (IntentModel member : ensemble.members()) {
            if (member != judge) {
                member.card().trainingData().files().forEach(f -> seen.add(Path.of(f).normalize().toString()));
            }
        }
        ModelCard.Evaluation cv = judge.card().crossValidation();
        long seed = cv == null ? 42 : cv.seed();
        int judgeAt = ensemble.members().indexOf(judge);
        // a judge that also votes holds every example in its head: its votes come from the same per-fold refits as its rule
        List<IntentEnsemble> byFold = new ArrayList<>();
        int[] fold = StratifiedFolds.assign(y, labels.size(), folds, seed);
        for (int f = 0; f < folds; f++) {
            if (!ensemble.votes(judgeAt)) {
                byFold.add(ensemble);
                continue;
            }
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f) {
                    rows.add(i);
                }
            }
            Head refitted = judge.card().head().fitter().fit(rows.stream().map(i -> x[i]).toArray(float[][]::new),
                    rows.stream().mapToInt(i -> y[i]).toArray(), labels.size()).withTemperature(judge.card().head().temperature());
            List<IntentModel> members = new ArrayList<>(ensemble.members());
            members.set(judgeAt, new IntentModel(judge.card(), refitted, judge.encoders()));
            byFold.add(ensemble.withMembers(members));
        }
        int[] predicted = new int[y.length];
        int judged = 0;
        for (int i = 0; i < y.length; i++) {
            if (seen.contains(fileOf.get(i))) {
                predicted[i] = -1;
                continue;
            }
            int row = i;
            predicted[i] = Softmax.argmax(byFold.get(fold[i]).probabilities(memberFeatures.stream().map(f -> f[row]).toList()));
            judged++;
        }
        // a familiarity model on a tuned network: what the network saw counts in no figure
        ModelCard.Tuning tuning = judge.card().tuning();
        boolean[] unseen = tuning == null ? null : LabelledData.fromFiles(files, f -> !tuning.saw(f.toString()));
        double[] targets = java.util.stream.DoubleStream.concat(java.util.Arrays.stream(HeadTrainer.RECALL_CURVE),
                java.util.stream.DoubleStream.of(recall)).distinct().sorted().toArray();
        OutOfScopeCrossValidation.Result result = OutOfScopeCrossValidation.run(x, y, labels.size(), labels.indexOf(oosLabel),
                judge.card().head().fitter(), folds, seed, predicted, unseen, targets, out);
        out.println();
        OutOfScopeCrossValidation.print(result, out);
        out.printf("%nin-scope accuracy: the tier's voters (%s) on the %d examples from files none of them was trained on,"
                + " with the rule's rejections; out-of-scope recall is the rule's alone (the voters' own out-of-scope answers"
                + " may catch more)%n",
                ensemble.id(), judged);
        OutOfScopeCrossValidation.Point point = result.curve().stream().filter(p -> p.targetRecall() == recall).findFirst()
                .orElseThrow();
        out.printf("%nat target recall %.2f, per fold:%n", recall);
        for (int f = 0; f < folds; f++) {
            out.printf("  fold %d: threshold %.4f, out-of-scope recall %.4f, in-scope rejected %.4f, in-scope accuracy %.4f%n",
                    f + 1, point.thresholds()[f], point.outOfScopeRecall().perFold()[f], point.inScopeRejected().perFold()[f],
                    point.inScopeAccuracy() == null ? Double.NaN : point.inScopeAccuracy().perFold()[f]);
        }
        boolean[] isOos = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            isOos[i] = y[i] == labels.indexOf(oosLabel);
        }
        out.printf("threshold on all the data at that recall: %.4f (the tier declares %.4f)%n",
                result.threshold(recall, isOos), ensemble.outOfScope().minFamiliarity());
    }
}
