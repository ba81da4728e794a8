package io.agenthub.cli;

import io.agenthub.app.JsonMapper;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.TunedModelImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "import-tuned", mixinStandardHelpOptions = true,
        description = {"Make a model version of an encoder tuned with its classifier outside the hub",
                "(models/banking77-intent/finetune/tune.py --folds all --save DIR): checks that the out-of-fold logits",
                "use the hub's folds, calibrates on them, checks the int8 network against the tuning's own answers,",
                "and writes models/<capability>/vN/ with the network, head, out-of-fold logits and model card."})
final class ImportTunedCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** --data is the data the network was tuned on, in the order tune.py read it. */
    @Mixin
    NewVersionOptions version;

    @Option(names = "--from", required = true, paramLabel = "DIR",
            description = "The directory tune.py wrote with --save, holding encoder.onnx and head.json.")
    Path from;

    @Option(names = "--oof", required = true, paramLabel = "FILE",
            description = "The same recipe's out-of-fold logits, JSON lines {\"index\",\"fold\",\"logits\"} (export.py --out-of-fold).")
    Path outOfFold;

    @Override
    public Integer call() throws Exception {
        version.check(spec);
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            new TunedModelImport(catalog, JsonMapper.create(), Clock.systemUTC(), System.out).run(new TunedModelImport.Plan(
                    version.capability, from, outOfFold, version.data, version.seed, version.modelsDir, version.citation));
        }
        return 0;
    }
}
