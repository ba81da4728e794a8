package io.agenthub.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command's document goes: standard output, or the file given with {@code --out}. */
final class CommandOutput {

    private CommandOutput() {
    }

    static void write(CommandSpec spec, Path out, String text) throws IOException {
        String document = text.endsWith("\n") ? text : text + "\n";
        if (out == null) {
            spec.commandLine().getOut().print(document);
            spec.commandLine().getOut().flush();
        } else {
            Files.writeString(out, document);
            spec.commandLine().getErr().println("Wrote " + out);
        }
    }
}
