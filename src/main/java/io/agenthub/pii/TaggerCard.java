package io.agenthub.pii;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agenthub.slm.ModelCard;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a trained entity tagger is: its encoder (and digest), head file (and digest), the entities it
 * tags, the data it learnt from, and what cross-validation said of the whole detector per type.
 */
public record TaggerCard(String model, String version, String parent, Instant createdAt, ModelCard.EncoderRef encoder,
                         Head head, List<String> entities, ModelCard.TrainingData trainingData, Evaluation crossValidation,
                         String createdWith, @JsonInclude(JsonInclude.Include.NON_NULL) ModelCard.Validation validation) {

    /**
     * @param swappedCopies value-swapped copies of each training text added ({@link SpanSwapAugmentation})
     * @param names         the {@link NameGazetteer} file beside the head, and its digest; absent in taggers
     *                      that read no name flags
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Head(String type, String file, String digest, double l2, int swappedCopies, String names,
                       String namesDigest) {
    }

    /** Per type: recall, precision and F2 of the whole detector (patterns and tagger) on held-out folds. */
    public record Evaluation(int folds, long seed, Map<String, Figures> byType, Figures overall) {
    }

    public record Figures(int labelled, double recall, double precision, double f2) {
        static Figures of(PiiEvaluation.Counts c) {
            return new Figures(c.labelled(), c.recall(), c.precision(), c.f(2));
        }
    }
}
