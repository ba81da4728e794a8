package io.agenthub.slm;

/**
 * Calibration by one temperature: the T that minimises the negative log-likelihood of held-out logits
 * (Guo et al. 2017). It changes confidences, never which class wins.
 */
public final class TemperatureScaling {

    private TemperatureScaling() {
    }

    public static double fit(double[][] logits, int[] truth) {
        // golden-section search on log T in [log 0.05, log 20]; the NLL is unimodal in T
        double lo = Math.log(0.05);
        double hi = Math.log(20);
        double phi = (Math.sqrt(5) - 1) / 2;
        double a = hi - phi * (hi - lo);
        double b = lo + phi * (hi - lo);
        double fa = nll(logits, truth, Math.exp(a));
        double fb = nll(logits, truth, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - phi * (hi - lo);
                fa = nll(logits, truth, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + phi * (hi - lo);
                fb = nll(logits, truth, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    static double nll(double[][] logits, int[] truth, double temperature) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(1e-300, Softmax.of(logits[i], temperature)[truth[i]]));
        }
        return sum / truth.length;
    }
}
