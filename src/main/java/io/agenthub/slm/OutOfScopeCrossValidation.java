package io.agenthub.slm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * How a minimum-familiarity out-of-scope rule does on requests it never saw, measured so that the threshold
 * cannot overfit the few out-of-scope examples there are: K-fold cross-validation over the in-scope examples
 * and the out-of-scope pool together, where each held-out fold is judged by a head fitted without it and a
 * threshold chosen inside the fold's training part only (nested: the training part's own familiarities come
 * from heads fitted without their fold either). The threshold is set for a target recall; the curve over
 * several targets shows what in-scope requests each one costs, with the spread over folds.
 *
 * <p>The shipped threshold is chosen the same way on all the data: at the target recall on the out-of-fold
 * familiarities of every out-of-scope example.
 */
public final class OutOfScopeCrossValidation {

    /** A figure per fold and its mean, minimum and maximum. */
    public record Figures(double mean, double min, double max, double[] perFold) {
        static Figures of(double[] perFold) {
            return new Figures(Arrays.stream(perFold).average().orElse(Double.NaN),
                    Arrays.stream(perFold).min().orElse(Double.NaN), Arrays.stream(perFold).max().orElse(Double.NaN),
                    perFold.clone());
        }
    }

    /**
     * One operating point: thresholds chosen per fold for {@code targetRecall} on the training part, judged on
     * the held-out part.
     *
     * @param outOfScopeRecall   held-out out-of-scope examples below the threshold (familiarity alone: the voters'
     *                           out-of-scope answers, which may catch more, are not counted)
     * @param inScopeRejected    held-out in-scope examples below the threshold
     * @param inScopeAccuracy    held-out in-scope examples not rejected and labelled right by {@code predicted};
     *                           null without predictions (NaN in a fold without any)
     * @param pooledRecallCi95   Wilson 95 % interval of the recall over all out-of-scope examples
     */
    public record Point(double targetRecall, Figures outOfScopeRecall, Figures inScopeRejected, Figures inScopeAccuracy,
                        double[] pooledRecallCi95, double[] thresholds) {
    }

    /**
     * @param outOfFold each example's familiarity from the head fitted without its fold (what the shipped
     *                  threshold is chosen on)
     * @param seenByNetwork examples left out of every held-out figure because a tuned network saw them
     */
    public record Result(int folds, long seed, int inScope, int outOfScope, List<Point> curve, double[] outOfFold,
                         int seenByNetwork) {

        /** The shipped threshold for a target recall: chosen on every out-of-scope example's out-of-fold familiarity. */
        public double threshold(double targetRecall, boolean[] isOutOfScope) {
            List<Double> scores = new ArrayList<>();
            for (int i = 0; i < outOfFold.length; i++) {
                if (isOutOfScope[i]) {
                    scores.add(outOfFold[i]);
                }
            }
            return thresholdFor(scores, targetRecall);
        }
    }

    private OutOfScopeCrossValidation() {
    }

    /**
     * @param x           the familiarity head's features of every example
     * @param y           label indices; {@code outOfScope} is the out-of-scope label's
     * @param fitter      fits a head that is {@link Familiar}
     * @param predicted   each example's label from the classifier the rule guards, from models that never saw it
     *                    (-1 where unknown; such in-scope examples are left out of the accuracy); null for none
     * @param unseen      whether the encoder never saw each example (a tuned network saw those it was tuned on):
     *                    only these count in the held-out figures, though all stay in the heads' reference data
     *                    and in the thresholds' choice; null when the encoder saw none
     * @param targets     recall targets, one operating point each
     */
    public static Result run(float[][] x, int[] y, int classes, int outOfScope, Head.Fitter fitter, int folds, long seed,
                             int[] predicted, boolean[] unseen, double[] targets, PrintStream log) {
        if (folds < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds");
        }
        int n = y.length;
        int[] fold = StratifiedFolds.assign(y, classes, folds, seed);
        double[] outer = new double[n];
        double[][] inner = new double[folds][n];
        for (int f = 0; f < folds; f++) {
            int held = f;
            score(x, y, classes, outOfScope, fitter, i -> fold[i] != held, i -> fold[i] == held, outer);
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    int other = g;
                    score(x, y, classes, outOfScope, fitter, i -> fold[i] != held && fold[i] != other, i -> fold[i] == other,
                            inner[f]);
                }
            }
            log.printf("  out-of-scope fold %d/%d done%n", f + 1, folds);
        }
        int inScope = 0;
        for (int label : y) {
            inScope += label == outOfScope ? 0 : 1;
        }
        List<Point> curve = new ArrayList<>();
        for (double target : targets) {
            curve.add(point(target, y, outOfScope, fold, folds, outer, inner, predicted, unseen));
        }
        int seen = 0;
        for (int i = 0; unseen != null && i < n; i++) {
            seen += unseen[i] ? 0 : 1;
        }
        return new Result(folds, seed, inScope, n - inScope, curve, outer, seen);
    }

    private static Point point(double target, int[] y, int outOfScope, int[] fold, int folds, double[] outer,
                               double[][] inner, int[] predicted, boolean[] unseen) {
        double[] recall = new double[folds];
        double[] rejected = new double[folds];
        double[] accuracy = new double[folds];
        double[] thresholds = new double[folds];
        int caught = 0;
        int outOfScopeTotal = 0;
        for (int f = 0; f < folds; f++) {
            List<Double> training = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == outOfScope && fold[i] != f) {
                    training.add(inner[f][i]);
                }
            }
            double threshold = thresholdFor(training, target);
            thresholds[f] = threshold;
            int out = 0;
            int outCaught = 0;
            int in = 0;
            int inRejected = 0;
            int judged = 0;
            int right = 0;
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != f || unseen != null && !unseen[i]) {
                    continue;
                }
                boolean rejects = outer[i] < threshold;
                if (y[i] == outOfScope) {
                    out++;
                    // familiarity alone: a voter's out-of-scope answer may catch more, but voters are not refitted here
                    outCaught += rejects ? 1 : 0;
                } else {
                    in++;
                    inRejected += rejects ? 1 : 0;
                    if (predicted != null && predicted[i] >= 0) {
                        judged++;
                        right += !rejects && predicted[i] == y[i] ? 1 : 0;
                    }
                }
            }
            recall[f] = (double) outCaught / Math.max(1, out);
            rejected[f] = (double) inRejected / Math.max(1, in);
            accuracy[f] = judged == 0 ? Double.NaN : (double) right / judged;
            caught += outCaught;
            outOfScopeTotal += out;
        }
        boolean anyJudged = java.util.Arrays.stream(accuracy).anyMatch(a -> !Double.isNaN(a));
        return new Point(target, Figures.of(recall), Figures.of(rejected), anyJudged ? Figures.of(accuracy) : null,
                wilson(caught, outOfScopeTotal), thresholds);
    }

    /** Familiarity of the {@code scored} examples from a head fitted on the {@code training} ones. */
    private static void score(float[][] x, int[] y, int classes, int outOfScope, Head.Fitter fitter, IntPredicate training,
                              IntPredicate scored, double[] into) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            if (training.test(i)) {
                rows.add(i);
            }
        }
        Head head = fitter.fit(rows.stream().map(i -> x[i]).toArray(float[][]::new),
                rows.stream().mapToInt(i -> y[i]).toArray(), classes);
        if (!(head instanceof Familiar familiar)) {
            throw new IllegalArgumentException("a " + head.getClass().getSimpleName() + " cannot tell familiarity");
        }
        java.util.stream.IntStream.range(0, y.length).parallel().filter(scored::test)
                .forEach(i -> into[i] = familiar.familiarity(x[i], outOfScope));
    }

    /**
     * The threshold below which at least {@code target} of the scores fall: halfway between the score that
     * reaches the target and the next one up.
     */
    static double thresholdFor(List<Double> scores, double target) {
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("no out-of-scope examples to choose a threshold on");
        }
        List<Double> sorted = new ArrayList<>(scores);
        sorted.sort(null);
        int need = (int) Math.ceil(target * sorted.size() - 1e-9);
        if (need <= 0) {
            return sorted.get(0);
        }
        if (need >= sorted.size()) {
            return Math.nextUp(sorted.get(sorted.size() - 1));
        }
        return (sorted.get(need - 1) + sorted.get(need)) / 2;
    }

    /** Wilson score interval at 95 %. */
    public static double[] wilson(int successes, int trials) {
        if (trials == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double z = 1.96;
        double p = (double) successes / trials;
        double denominator = 1 + z * z / trials;
        double centre = (p + z * z / (2.0 * trials)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / trials + z * z / (4.0 * trials * trials)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /**
     * The card's {@code validation} block for the operating point at {@code target}: each figure per fold, and the
     * whole curve.
     */
    public static ModelCard.Validation validation(Result result, double target, String capability, String dataFiles,
                                                  int folds) {
        Point chosen = result.curve().stream().filter(p -> p.targetRecall() == target).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operating point at recall " + target));
        java.util.Map<String, Object> figures = new java.util.LinkedHashMap<>();
        figures.put("outOfScopeRecall", chosen.outOfScopeRecall());
        figures.put("outOfScopeRecallPooled", java.util.Map.of("value", chosen.outOfScopeRecall().mean(),
                "ci95", chosen.pooledRecallCi95()));
        figures.put("inScopeRejected", chosen.inScopeRejected());
        figures.put("curve", result.curve());
        return new ModelCard.Validation(
                result.folds() + "-fold stratified cross-validation (seed " + result.seed() + ") over the " + result.inScope()
                        + " in-scope and " + result.outOfScope() + " out-of-scope examples together; in each fold the head is"
                        + " refitted on the other folds and the minimum familiarity is chosen for a target out-of-scope recall of "
                        + target + " on the training part's own out-of-fold familiarities (nested), then judged on the held-out fold;"
                        + " recall is the familiarity rule's alone (a voting model's out-of-scope answer may add to it)"
                        + (result.seenByNetwork() == 0 ? "" : "; the " + result.seenByNetwork() + " examples the tuned network"
                        + " was trained on stay in the reference data and the threshold's choice but out of every figure"),
                "each held-out fold: its examples were in neither the head's reference data nor the data its threshold was chosen on"
                        + (result.seenByNetwork() == 0 ? "" : ", nor in the data the network was tuned on"),
                figures,
                "java -jar target/agent-hub.jar eval --capability " + capability + " --data " + dataFiles + " --oos-folds " + folds
                        + " --oos-recall " + target);
    }

    /** The curve as a table: one line per target recall. */
    public static void print(Result result, PrintStream out) {
        out.printf("out-of-scope by familiarity, %d-fold cross-validation over %d in-scope and %d out-of-scope examples;%n"
                        + "thresholds chosen inside each fold's training part (nested), judged on the held-out fold%n",
                result.folds(), result.inScope(), result.outOfScope());
        if (result.seenByNetwork() > 0) {
            out.printf("figures leave out the %d examples the tuned network was trained on%n", result.seenByNetwork());
        }
        out.printf("  %-7s %-27s %-27s %-27s %s%n", "target", "in-scope accuracy [min-max]", "out-of-scope recall [min-max]",
                "in-scope rejected [min-max]", "recall 95% CI (pooled)");
        for (Point p : result.curve()) {
            Figures a = p.inScopeAccuracy();
            out.printf("  %-7.2f %-27s %-27s %-27s [%.3f, %.3f]%n", p.targetRecall(),
                    a == null ? "-" : String.format("%.4f [%.4f-%.4f]", a.mean(), a.min(), a.max()),
                    String.format("%.4f [%.4f-%.4f]", p.outOfScopeRecall().mean(), p.outOfScopeRecall().min(), p.outOfScopeRecall().max()),
                    String.format("%.4f [%.4f-%.4f]", p.inScopeRejected().mean(), p.inScopeRejected().min(), p.inScopeRejected().max()),
                    p.pooledRecallCi95()[0], p.pooledRecallCi95()[1]);
        }
    }
}
