package io.agenthub.cli;

import io.agenthub.app.JsonMapper;
import io.agenthub.extract.SlotTaggerTraining;
import io.agenthub.extract.SlotTags;
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
                "cross-validated metrics, calibration, parent version).",
                "For an extracting capability (task: extract, e.g. banking-slots), --data is NLU++ fold files: a token",
                "tagger (Begin/Inside/Outside per word piece) is cross-validated by held-out folds (--folds splits of",
                "consecutive files) and written with the parent version's word lists and its model card."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NewVersionOptions version;

    @Option(names = "--encoders", split = ",", defaultValue = "all-minilm-l6-v2",
            description = "Encoders whose vectors are concatenated (default: ${DEFAULT-VALUE}).")
    List<String> encoders;

    @Option(names = "--network", paramLabel = "DIR",
            description = {"A network tuned outside the hub from the one encoder given (--save of a finetune/tune.py):",
                    "DIR holds encoder.onnx and head.json, which names the files it was tuned on. The head is fitted on its",
                    "vectors and the version ships the network as encoder.delta."})
    Path network;

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

    @Option(names = "--oos-margin", defaultValue = "0",
            description = {"With nearest-neighbours and --oos-label: familiarity is the mean similarity of the nearest in-scope",
                    "examples less this many times that of the nearest out-of-scope ones (default: ${DEFAULT-VALUE}, none)."})
    double oosMargin;

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

    @Option(names = "--processors-dir", defaultValue = "processors",
            description = "Capability declarations: an extracting capability (task: extract) trains a slot tagger (default: ${DEFAULT-VALUE}).")
    Path processorsDir;

    @Option(names = "--tagger-neighbours", negatable = true, defaultValue = "false", fallbackValue = "true",
            description = "Slot tagger: each word piece also sees its neighbours' vectors (default: ${DEFAULT-VALUE}).")
    boolean taggerNeighbours;

    @Option(names = "--tagger-hints", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Slot tagger: what the recognisers read at each word piece is a feature (default: ${DEFAULT-VALUE}).")
    boolean taggerHints;

    @Option(names = "--hint-dropout", defaultValue = "0.3",
            description = "Slot tagger with hints: the share of training texts seen without the recognisers' reading (default: ${DEFAULT-VALUE}).")
    double hintDropout;

    @Option(names = "--keep-rules", split = ",", paramLabel = "SLOT",
            description = "Slot tagger: slots whose recognisers' readings stand over the tagger's, e.g. amount_of_money.")
    List<String> keepRules = List.of();

    /** The slot tagger's head regularisation and iterations when --l2 and --iterations are not given (cross-validated). */
    static final double TAGGER_L2 = 1e-4;
    static final int TAGGER_ITERATIONS = 150;

    @Override
    public Integer call() throws Exception {
        version.check(spec);
        if (SlotTaggerRuns.extracts(processorsDir, version.capability)) {
            return trainSlotTagger();
        }
        if (minOosRecall <= 0 || minOosRecall > 1) {
            throw new ParameterException(spec.commandLine(), "--min-oos-recall must be in (0, 1]");
        }
        if (folds < 2) {
            throw new ParameterException(spec.commandLine(), "--folds must be at least 2");
        }
        if (network != null && encoders.size() != 1) {
            throw new ParameterException(spec.commandLine(), "--network is tuned from one encoder: give that one as --encoders");
        }
        if (oosMargin != 0 && !ModelCard.HeadSpec.NEAREST_NEIGHBOURS.equals(head)) {
            throw new ParameterException(spec.commandLine(), "--oos-margin needs --head nearest-neighbours");
        }
        ModelCard.HeadSpec headSpec = switch (head) {
            case ModelCard.HeadSpec.SOFTMAX_REGRESSION -> ModelCard.HeadSpec.softmaxRegression(l2, iterations);
            case ModelCard.HeadSpec.NEAREST_NEIGHBOURS -> {
                if (neighbours < 1 || sharpness <= 0) {
                    throw new ParameterException(spec.commandLine(), "--neighbours must be at least 1 and --sharpness above 0");
                }
                if (!(oosMargin >= 0) || oosMargin > 0 && oosLabel == null) {
                    throw new ParameterException(spec.commandLine(), "--oos-margin must be 0 or more, and needs --oos-label");
                }
                yield ModelCard.HeadSpec.nearestNeighbours(neighbours, sharpness, oosMargin);
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
                    minOosRecall, version.modelsDir, version.citation, network));
        }
        return 0;
    }

    private int trainSlotTagger() throws Exception {
        if (network != null) {
            throw new ParameterException(spec.commandLine(), "--network is for intent heads; a slot tagger reads the token"
                    + " states of an encoder as its jar ships it");
        }
        if (encoders.size() != 1) {
            throw new ParameterException(spec.commandLine(), "a slot tagger reads one encoder's token states; give one --encoders");
        }
        if (folds < 2 || folds > version.data.size()) {
            throw new ParameterException(spec.commandLine(), "--folds must be between 2 and the number of fold files (" + version.data.size() + ")");
        }
        if (hintDropout < 0 || hintDropout > 1) {
            throw new ParameterException(spec.commandLine(), "--hint-dropout must be between 0 and 1");
        }
        for (String slot : keepRules) {
            if (!SlotTags.SLOTS.contains(slot)) {
                throw new ParameterException(spec.commandLine(), "--keep-rules: no slot " + slot + "; slots: " + SlotTags.SLOTS);
            }
        }
        var parsed = spec.commandLine().getParseResult();
        double tagL2 = parsed.hasMatchedOption("--l2") ? l2 : TAGGER_L2;
        int tagIterations = parsed.hasMatchedOption("--iterations") ? iterations : TAGGER_ITERATIONS;
        SlotTaggerRuns.train(version.capability, version.data, folds, new SlotTaggerTraining.Settings(encoders.get(0),
                taggerNeighbours, taggerHints, hintDropout, tagL2, tagIterations, List.copyOf(keepRules)), processorsDir, version.modelsDir, version.citation);
        return 0;
    }
}
