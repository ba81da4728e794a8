package io.agenthub.slm;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What a trained model version is and how it came to be: the file beside its head in
 * {@code models/<capability>/<version>/model-card.json}. Enough to reproduce it, audit it, and
 * compare it with its parent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(String capability, String version, String parent, Instant createdAt,
                        List<EncoderRef> encoders, Head head, List<String> labels, TrainingData trainingData,
                        Evaluation crossValidation, OutOfScope outOfScope, String createdWith) {

    /** An encoder whose normalised sentence vectors, concatenated in this order, are the head's input. */
    public record EncoderRef(String id, String digest, int dimension) {
    }

    public record Head(String type, String file, String digest, double l2, int maxIterations, double temperature) {
    }

    public record TrainingData(List<String> files, String digest, int examples, String citation) {
    }

    /** Out-of-fold scores: each example scored by a head that never saw it. */
    public record Evaluation(int folds, long seed, Metrics calibrated, double eceBeforeCalibration) {
    }

    /**
     * Out-of-scope detection: a request whose best in-scope probability is below {@code threshold} is
     * answered with {@code label}; the threshold was tuned on {@code tunedOn} only.
     */
    public record OutOfScope(String label, double threshold, List<String> tunedOn, String tunedOnDigest,
                             double inScopeAccuracy, double outOfScopeRecall) {
    }
}
