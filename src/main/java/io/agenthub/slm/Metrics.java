package io.agenthub.slm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Scores of a classifier on labelled data: what {@code eval} prints and model cards record.
 *
 * @param operatingPoints for each target accuracy, the confidence threshold a cascade tier should use to
 *                        reach it on the answers it keeps, and the share of requests it then keeps
 */
public record Metrics(int examples, double accuracy, double macroF1, double ece, Map<String, Double> accuracyAtCoverage,
                      List<OperatingPoint> operatingPoints) {

    private static final double[] COVERAGES = {0.8, 0.9, 0.95};
    private static final double[] TARGET_ACCURACIES = {0.95, 0.98, 0.99};

    /** Answering only when confidence reaches {@code threshold} kept {@code coverage} of requests at {@code accuracy}. */
    public record OperatingPoint(double targetAccuracy, double threshold, double coverage, double accuracy) {
    }
    private static final int ECE_BINS = 15;

    /** The metrics of out-of-fold logits, read as probabilities at {@code temperature}. */
    public static Metrics ofLogits(double[][] logits, int[] truth, int classes, double temperature) {
        int[] predicted = new int[truth.length];
        double[] confidence = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            double[] p = Softmax.of(logits[i], temperature);
            predicted[i] = Softmax.argmax(p);
            confidence[i] = p[predicted[i]];
        }
        return of(predicted, confidence, truth, classes);
    }

    /**
     * @param predicted  index of the predicted class per example
     * @param confidence probability of the predicted class per example
     * @param truth      index of the true class per example; -1 for a label the classifier does not know,
     *                   which counts as an error
     */
    public static Metrics of(int[] predicted, double[] confidence, int[] truth, int classes) {
        int n = truth.length;
        int correct = 0;
        int[] tp = new int[classes];
        int[] predictedCount = new int[classes];
        int[] trueCount = new int[classes];
        for (int i = 0; i < n; i++) {
            predictedCount[predicted[i]]++;
            if (truth[i] < 0) {
                continue;
            }
            trueCount[truth[i]]++;
            if (predicted[i] == truth[i]) {
                correct++;
                tp[truth[i]]++;
            }
        }
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (trueCount[c] == 0 && predictedCount[c] == 0) {
                continue;
            }
            present++;
            double precision = predictedCount[c] == 0 ? 0 : (double) tp[c] / predictedCount[c];
            double recall = trueCount[c] == 0 ? 0 : (double) tp[c] / trueCount[c];
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        Map<String, Double> atCoverage = new LinkedHashMap<>();
        Integer[] byConfidence = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(byConfidence, Comparator.comparingDouble((Integer i) -> confidence[i]).reversed());
        for (double coverage : COVERAGES) {
            int kept = (int) Math.ceil(coverage * n);
            int ok = 0;
            for (int k = 0; k < kept; k++) {
                int i = byConfidence[k];
                ok += predicted[i] == truth[i] ? 1 : 0;
            }
            atCoverage.put(String.valueOf(coverage), kept == 0 ? 0 : (double) ok / kept);
        }
        return new Metrics(n, n == 0 ? 0 : (double) correct / n, present == 0 ? 0 : f1Sum / present,
                ece(predicted, confidence, truth), atCoverage, operatingPoints(byConfidence, predicted, confidence, truth));
    }

    /**
     * For each target, the largest prefix of the most confident answers whose accuracy still reaches it;
     * the threshold is the confidence of the last answer kept, so ties at that confidence are kept too.
     */
    private static List<OperatingPoint> operatingPoints(Integer[] byConfidence, int[] predicted, double[] confidence,
                                                        int[] truth) {
        int n = byConfidence.length;
        int[] correctSoFar = new int[n + 1];
        for (int k = 0; k < n; k++) {
            int i = byConfidence[k];
            correctSoFar[k + 1] = correctSoFar[k] + (predicted[i] == truth[i] ? 1 : 0);
        }
        List<OperatingPoint> points = new ArrayList<>();
        for (double target : TARGET_ACCURACIES) {
            int kept = 0;
            for (int k = n; k >= 1; k--) {
                if (correctSoFar[k] >= target * k) {
                    kept = k;
                    break;
                }
            }
            if (kept == 0) {
                points.add(new OperatingPoint(target, 1.0, 0, 0));
                continue;
            }
            double threshold = confidence[byConfidence[kept - 1]];
            int keptAtThreshold = 0;
            int correctAtThreshold = 0;
            for (int i = 0; i < n; i++) {
                if (confidence[i] >= threshold) {
                    keptAtThreshold++;
                    correctAtThreshold += predicted[i] == truth[i] ? 1 : 0;
                }
            }
            points.add(new OperatingPoint(target, threshold, (double) keptAtThreshold / n,
                    (double) correctAtThreshold / keptAtThreshold));
        }
        return points;
    }

    /** Expected calibration error over equal-width confidence bins. */
    public static double ece(int[] predicted, double[] confidence, int[] truth) {
        double[] confSum = new double[ECE_BINS];
        double[] correctSum = new double[ECE_BINS];
        int[] count = new int[ECE_BINS];
        for (int i = 0; i < truth.length; i++) {
            int bin = Math.min(ECE_BINS - 1, (int) (confidence[i] * ECE_BINS));
            confSum[bin] += confidence[i];
            correctSum[bin] += predicted[i] == truth[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correctSum[b] - confSum[b]) / truth.length;
            }
        }
        return ece;
    }
}
