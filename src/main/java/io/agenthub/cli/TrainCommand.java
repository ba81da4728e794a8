package io.agenthub.cli;

import io.agenthub.app.JsonMapper;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.HeadTrainer;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.SoftmaxRegression;
import io.agenthub.slm.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fit a classifier head on frozen in-process encoders and write it as a new model version",
                "under models/<capability>/ with its model card (encoders and digests, data digest, labels,",
                "cross-validated metrics, calibration, parent version)."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NewVersionOptions version;

    @Option(names = "--encoders", split = ",", defaultValue = "all-minilm-l6-v2",
            description = "Encoders whose vectors are concatenated (default: ${DEFAULT-VALUE}).")
    List<String> encoders;

    @Option(names = "--head", defaultValue = ModelCard.HeadSpec.SOFTMAX_REGRESSION,
            description = "The head: softmax-regression, nearest-neighbours or mahalanobis (default: ${DEFAULT-VALUE}).")
    String head;

    @Option(names = "--shrinkage", defaultValue = "0.01",
            description = "With mahalanobis, the covariance's diagonal gains this share of its mean variance (default: ${DEFAULT-VALUE}).")
    double shrinkage;

    @Option(names = "--neighbours", defaultValue = "10", description = "With nearest-neighbours, how many neighbours vote (default: ${DEFAULT-VALUE}).")
    int neighbours;

    @Option(names = "--sharpness", defaultValue = "0.02",
            description = "With nearest-neighbours, a vote weighs exp((similarity - best) / sharpness) (default: ${DEFAULT-VALUE}).")
    double sharpness;

    @Option(names = "--l2", defaultValue = SoftmaxRegression.DEFAULT_L2,
            description = "L2 regularisation of the weights on the mean loss, 1/(C*n) in scikit-learn terms (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--iterations", defaultValue = SoftmaxRegression.DEFAULT_ITERATIONS, description = "Maximum L-BFGS iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds for the reported metrics (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--oos-label", description = "The out-of-scope label, for capabilities that must recognise requests outside all intents.")
    String oosLabel;

    @Option(names = "--tune-data", arity = "1..*", paramLabel = "FILE",
            description = {"Held-out data (in-scope and out-of-scope) on which only the out-of-scope threshold is tuned.",
                    "Without it, --data must hold the out-of-scope examples, and a head that tells familiarity",
                    "(nearest-neighbours, mahalanobis) gets its minimum familiarity by nested cross-validation over them",
                    "(the card's validation block; `eval --oos-folds` reproduces it)."})
    List<Path> tuneData = List.of();

    @Option(names = "--min-oos-recall", defaultValue = "0.9",
            description = "Out-of-scope recall the threshold must reach on the tuning data, or without it on the out-of-fold"
                    + " out-of-scope examples (default: ${DEFAULT-VALUE}).")
    double minOosRecall;

    @Override
    public Integer call() throws Exception {
        version.check(spec);
        if (minOosRecall <= 0 || minOosRecall > 1) {
            throw new ParameterException(spec.commandLine(), "--min-oos-recall must be in (0, 1]");
        }
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 2");
        }
        ModelCard.HeadSpec headSpec = switch (head) {
            case ModelCard.HeadSpec.SOFTMAX_REGRESSION -> ModelCard.HeadSpec.softmaxRegression(l2, iterations);
            case ModelCard.HeadSpec.NEAREST_NEIGHBOURS -> {
                if (neighbours < 1 || sharpness <= 0) {
                    throw new ParameterException(spec.commandLine(), "--neighbours must be at least 1 and --sharpness above 0");
                }
                yield ModelCard.HeadSpec.nearestNeighbours(neighbours, sharpness);
            }
            case ModelCard.HeadSpec.MAHALANOBIS -> {
                if (!(shrinkage > 0)) {
                    throw new ParameterException(spec.commandLine(), "--shrinkage must be above 0");
                }
                yield ModelCard.HeadSpec.mahalanobis(shrinkage);
            }
            default -> throw new ParameterException(spec.commandLine(),
                    "--head must be softmax-regression, nearest-neighbours or mahalanobis, was " + head);
        };
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            new HeadTrainer(catalog, JsonMapper.create(), Clock.systemUTC(), System.out).train(new TrainingPlan(
                    version.capability, version.data, encoders, headSpec, folds, version.seed, oosLabel, tuneData,
                    minOosRecall, version.modelsDir, version.citation));
        }
        return 0;
    }
}
