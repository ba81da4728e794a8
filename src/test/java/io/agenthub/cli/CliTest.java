package io.agenthub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {


    private final CliRun cli = new CliRun();

    @Test
    void helpListsTheSubCommands() {
        assertThat(cli.run("--help")).isZero();
        assertThat(cli.out()).contains("run", "train", "eval", "predict", "version");
    }

    @Test
    void runHelpDocumentsPortAndDataDir() {
        assertThat(cli.run("run", "--help")).isZero();
        assertThat(cli.out()).contains("--port", "--data-dir", "--reload", "--demo", "--home", "--config");
    }

    @Test
    void anUnknownCommandOrOptionFailsWithAMessage() {
        assertThat(cli.run("frobnicate")).isNotZero();
        assertThat(cli.err()).contains("frobnicate");
        assertThat(cli.run("run", "--port", "eighty")).isNotZero();
        assertThat(cli.err()).contains("eighty");
    }

    @Test
    void aMissingConfigFileIsAClearErrorNotAStackTrace() {
        assertThat(cli.run("run", "--config", "/no/such/file.properties")).isEqualTo(1);
        assertThat(cli.err()).contains("/no/such/file.properties").doesNotContain("\tat ");
    }

    @Test
    void aConfigFileOverridesTheDefaultsAndABadValueIsNamed(@TempDir Path dir) throws IOException {
        // application.properties sets 64 workers; the user's file must win, and 0 must be refused by name
        Path config = Files.writeString(dir.resolve("hub.properties"), "hub.http.worker-threads=0\n");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }

        assertThat(cli.run("run", "--config", config.toString(), "--port", String.valueOf(port),
                "--data-dir", dir.resolve("data").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("hub.http.worker-threads must be at least 1, got 0").doesNotContain("\tat ");
    }
}
