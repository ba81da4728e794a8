package io.agenthub.slm;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@code agent-hub train} was asked for.
 *
 * @param head             the kind of head and its settings (file, digest and temperature are filled in by training)
 * @param outOfScopeLabel  the label meaning "none of the intents"; null when the capability has none
 * @param tuneFiles        held-out labelled data on which only the out-of-scope threshold is tuned
 * @param minOutOfScopeRecall the recall the threshold must reach on the tuning data, if it can
 * @param network          a folder with a network tuned outside the hub from the one encoder in {@code encoderIds}
 *                         ({@code encoder.onnx}, and {@code head.json} saying how and on which files); null to use
 *                         the encoders as their jars ship them
 */
public record TrainingPlan(String capability, List<Path> dataFiles, List<String> encoderIds, ModelCard.HeadSpec head,
                           int folds, long seed, String outOfScopeLabel, List<Path> tuneFiles,
                           double minOutOfScopeRecall, Path modelsDir, String citation, Path network) {
}
