package io.agenthub.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code agent-hub} commands in the test's JVM and keeps what they printed. */
final class CliRun {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** The exit code; standard output and error accumulate across runs. */
    int run(String... args) {
        CommandLine cli = AgentHubCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void clearOut() {
        out.getBuffer().setLength(0);
    }
}
