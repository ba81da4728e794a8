package io.agenthub.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of the commands that run a capability over a file: which capability, the files, and where it is declared. */
final class CapabilityFiles {

    @Option(names = "--capability", required = true, description = "Capability id declared in processors/<id>.yaml.")
    String capability;

    @Option(names = "--in", required = true, paramLabel = "IN.jsonl", description = "The texts, JSON lines as the command describes them.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "OUT.jsonl", description = "Where the answers go, one JSON line per input line, in order.")
    Path out;

    @Option(names = "--processors-dir", defaultValue = "processors", description = "Capability declarations (default: ${DEFAULT-VALUE}).")
    Path processorsDir;

    @Option(names = "--models-dir", defaultValue = "models", description = "Model versions (default: ${DEFAULT-VALUE}).")
    Path modelsDir;
}
