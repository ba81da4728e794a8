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
                        List<EncoderRef> encoders, HeadSpec head, List<String> labels, TrainingData trainingData,
                        Evaluation crossValidation, OutOfScope outOfScope, String createdWith, Tuning tuning,
                        Validation validation) {

    public ModelCard(String capability, String version, String parent, Instant createdAt, List<EncoderRef> encoders,
                     HeadSpec head, List<String> labels, TrainingData trainingData, Evaluation crossValidation,
                     OutOfScope outOfScope, String createdWith) {
        this(capability, version, parent, createdAt, encoders, head, labels, trainingData, crossValidation, outOfScope,
                createdWith, null, null);
    }

    public ModelCard(String capability, String version, String parent, Instant createdAt, List<EncoderRef> encoders,
                     HeadSpec head, List<String> labels, TrainingData trainingData, Evaluation crossValidation,
                     OutOfScope outOfScope, String createdWith, Tuning tuning) {
        this(capability, version, parent, createdAt, encoders, head, labels, trainingData, crossValidation, outOfScope,
                createdWith, tuning, null);
    }

    /**
     * What was measured how (docs/cascade.md): the protocol, the data the figures' models and thresholds were not
     * fitted on, each figure with its spread, and the command that reproduces them.
     *
     * @param figures by metric: {@code {"mean", "min", "max", "perFold"}}, or {@code {"value", "ci95"}}
     */
    public record Validation(String protocol, String neverSaw, java.util.Map<String, Object> figures, String command) {
    }

    /**
     * An encoder whose normalised sentence vectors, concatenated in this order, are the head's input. With a
     * {@code file}, the network is this version's own (tuned from encoder {@code id}, read with its tokenizer
     * and pooling) and {@code digest} is that file's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EncoderRef(String id, String digest, int dimension, String file) {
        public EncoderRef(String id, String digest, int dimension) {
            this(id, digest, dimension, null);
        }
    }

    /**
     * How a version whose encoder was tuned with its head came to be: the script and its settings, and each
     * training example's logits from the fold run that did not see it (in the data's order, labels in the
     * card's order). A network tuned on all the data cannot be refitted per fold here, so cross-validating a
     * cascade that holds it uses these answers ({@code eval --folds}). A network tuned on some files only and used
     * with a head {@code train} fitted on others has no out-of-fold logits; {@code tunedOn} names the files the
     * network saw, so that figures about unseen requests leave their examples out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tuning(String method, java.util.Map<String, Object> recipe, String outOfFoldLogits,
                         String outOfFoldDigest, List<String> tunedOn) {

        /** Whether the network saw {@code file} (a path as the card's training data lists it) while it was tuned. */
        public boolean saw(String file) {
            return tunedOn != null && tunedOn.stream().anyMatch(f -> java.nio.file.Path.of(f).normalize()
                    .equals(java.nio.file.Path.of(file).normalize()));
        }
    }

    /**
     * The head: its kind, its file and digest, the settings it was fitted with and its calibration temperature.
     * {@code softmax-regression} uses {@code l2} and {@code maxIterations}; {@code nearest-neighbours} uses
     * {@code neighbours}, {@code sharpness} and optionally {@code outOfScopeMargin} (familiarity less that many times
     * the similarity of the nearest out-of-scope examples; absent: none); {@code mahalanobis} uses {@code shrinkage}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HeadSpec(String type, String file, String digest, Double l2, Integer maxIterations, Integer neighbours,
                           Double sharpness, double temperature, Double shrinkage, Double outOfScopeMargin) {

        public static final String SOFTMAX_REGRESSION = "softmax-regression";
        public static final String NEAREST_NEIGHBOURS = "nearest-neighbours";
        public static final String MAHALANOBIS = "mahalanobis";

        public HeadSpec(String type, String file, String digest, Double l2, Integer maxIterations, Integer neighbours,
                        Double sharpness, double temperature) {
            this(type, file, digest, l2, maxIterations, neighbours, sharpness, temperature, null, null);
        }

        public static HeadSpec softmaxRegression(double l2, int maxIterations) {
            return new HeadSpec(SOFTMAX_REGRESSION, null, null, l2, maxIterations, null, null, 1.0);
        }

        public static HeadSpec nearestNeighbours(int neighbours, double sharpness) {
            return new HeadSpec(NEAREST_NEIGHBOURS, null, null, null, null, neighbours, sharpness, 1.0);
        }

        /** Nearest neighbours whose familiarity has a margin against the out-of-scope class (0: none, not recorded). */
        public static HeadSpec nearestNeighbours(int neighbours, double sharpness, double outOfScopeMargin) {
            return new HeadSpec(NEAREST_NEIGHBOURS, null, null, null, null, neighbours, sharpness, 1.0, null,
                    outOfScopeMargin == 0 ? null : outOfScopeMargin);
        }

        public static HeadSpec mahalanobis(double shrinkage) {
            return new HeadSpec(MAHALANOBIS, null, null, null, null, null, null, 1.0, shrinkage, null);
        }

        /** The same settings, with where the fitted head was written and how it was calibrated. */
        public HeadSpec written(String writtenFile, String writtenDigest, double fittedTemperature) {
            return new HeadSpec(type, writtenFile, writtenDigest, l2, maxIterations, neighbours, sharpness, fittedTemperature,
                    shrinkage, outOfScopeMargin);
        }

        private double margin() {
            return outOfScopeMargin == null ? 0 : outOfScopeMargin;
        }

        public Head.Fitter fitter() {
            return switch (type) {
                case SOFTMAX_REGRESSION -> new SoftmaxRegression(l2, maxIterations)::fit;
                case NEAREST_NEIGHBOURS -> NeighbourHead.fitter(neighbours, sharpness, margin());
                case MAHALANOBIS -> MahalanobisHead.fitter(shrinkage);
                default -> throw new IllegalArgumentException("unknown head type '" + type + "'");
            };
        }

        public Head read(java.io.InputStream in) throws java.io.IOException {
            return switch (type) {
                case SOFTMAX_REGRESSION -> LinearHead.read(in);
                case NEAREST_NEIGHBOURS -> NeighbourHead.read(in).withOutOfScopeMargin(margin());
                case MAHALANOBIS -> MahalanobisHead.read(in);
                default -> throw new IllegalArgumentException("unknown head type '" + type + "'");
            };
        }
    }

    public record TrainingData(List<String> files, String digest, int examples, String citation) {
    }

    /** Out-of-fold scores: each example scored by a head that never saw it. */
    public record Evaluation(int folds, long seed, Metrics calibrated, double eceBeforeCalibration) {
    }

    /**
     * Out-of-scope detection: a request is answered with {@code label} when that label wins, when its best
     * in-scope probability is below {@code threshold}, or (nearest-neighbour heads) when its familiarity, the
     * mean similarity of its nearest in-scope training examples, is below {@code minFamiliarity}. Both
     * were tuned on {@code tunedOn} only.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutOfScope(String label, double threshold, Double minFamiliarity, List<String> tunedOn,
                             String tunedOnDigest, double inScopeAccuracy, double outOfScopeRecall) {

        /** The same rule with a threshold set elsewhere (a tier's declaration); the tuning figures no longer apply. */
        public OutOfScope withThreshold(double other) {
            return new OutOfScope(label, other, minFamiliarity, List.of(), null, Double.NaN, Double.NaN);
        }

        /** The same rule with a minimum familiarity set elsewhere (a tier's declaration). */
        public OutOfScope withMinFamiliarity(double other) {
            return new OutOfScope(label, threshold, other, List.of(), null, Double.NaN, Double.NaN);
        }
    }
}
