package io.agenthub.cli;

import io.agenthub.app.JsonMapper;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.TunedModelImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "import-tuned", mixinStandardHelpOptions = true,
        description = {"Make a model version of an encoder tuned with its classifier outside the hub",
                "(models/banking77-intent/finetune/tune.py --folds all --save DIR): checks that the out-of-fold logits",
                "use the hub's folds, calibrates on them, checks the int8 network against the tuning's own answers,",
                "and writes models/<capability>/vN/ with the network, head, out-of-fold logits and model card."})
final class ImportTunedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--capability", required = true, description = "Capability id, e.g. banking77-intent.")
    String capability;

    @Option(names = "--from", required = true, paramLabel = "DIR",
            description = "tune.py's --save directory: encoder.onnx and head.json.")
    Path from;

    @Option(names = "--oof", required = true, paramLabel = "FILE",
            description = "The same recipe's out-of-fold logits, JSON lines {\"index\",\"fold\",\"logits\"} (export.py --out-of-fold).")
    Path outOfFold;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
            description = "The training data the network was tuned on, in the order tune.py read it.")
    List<Path> data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--models-dir", defaultValue = "models", description = "Where model versions are written (default: ${DEFAULT-VALUE}).")
    Path modelsDir;

    @Option(names = "--citation", description = "Citation of the training data, copied into the model card.")
    String citation;

    @Override
    public Integer call() throws Exception {
        if (!capability.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new ParameterException(spec.commandLine(), "--capability must be kebab-case, e.g. banking77-intent");
        }
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            new TunedModelImport(catalog, JsonMapper.create(), Clock.systemUTC(), System.out).run(new TunedModelImport.Plan(
                    capability, from, outOfFold, data, seed, modelsDir, citation));
        }
        return 0;
    }
}
