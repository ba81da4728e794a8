package io.agenthub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void aConfigFileOverridesTheDefaultsAndABadValueIsNamed(@TempDir Path dir) throws IOException {
        // application.properties sets 64 workers; the user's file must win, and 0 must be refused by name
        Path config = Files.writeString(dir.resolve("hub.properties"), "hub.http.worker-threads=0\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        assertThat(run("run", "--config", config.toString(), "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("hub.http.worker-threads must be at least 1, got 0").doesNotContain("\tat ");
    }
}
