package io.agenthub.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = AgentHubCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void helpListsTheSubCommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run", "train", "eval", "predict", "version");
    }

    @Test
    void runHelpDocumentsPortAndDataDir() {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--port", "--data-dir", "--reload", "--demo", "--home", "--config");
    }

    @Test
    void anUnknownCommandOrOptionFailsWithAMessage() {
        assertThat(run("frobnicate")).isNotZero();
        assertThat(err.toString()).contains("frobnicate");
        assertThat(run("run", "--port", "eighty")).isNotZero();
        assertThat(err.toString()).contains("eighty");
    }

    @Test
    void aMissingConfigFileIsAClearErrorNotAStackTrace() {
        assertThat(run("run", "--config", "/no/such/file.properties")).isEqualTo(1);
        assertThat(err.toString()).contains("/no/such/file.properties").doesNotContain("\tat ");
    }
}
