package io.agenthub.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.nio.file.Path;
import java.util.List;

/** The options of the commands that write a new model version: which capability, from what data, and where. */
final class NewVersionOptions {

    @Option(names = "--capability", required = true, description = "Capability id, e.g. banking77-intent.")
    String capability;

    @Option(names = "--data", required = true, arity = "1..*", paramLabel = "FILE",
            description = "Training data: CSV with text and label (or category) columns, or JSONL {\"text\",\"label\"}.")
    List<Path> data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the fold assignment (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--models-dir", defaultValue = "models", description = "Where model versions are written (default: ${DEFAULT-VALUE}).")
    Path modelsDir;

    @Option(names = "--citation", description = "Citation of the training data, copied into the model card.")
    String citation;

    /** A capability id names a folder and a declaration file: kebab-case only. */
    void check(CommandSpec spec) {
        if (!capability.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new ParameterException(spec.commandLine(), "--capability must be kebab-case, e.g. banking77-intent");
        }
    }
}
