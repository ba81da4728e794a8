package io.agenthub.cli;

import io.agenthub.sandbox.SandboxBackends;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxCommandTest {

    @Test
    void announcesItsUrlAndServesTheSeedGivenWithItsAdminApi(@TempDir Path seeds) throws Exception {
        for (String file : new String[] {"core-banking-seed.json", "insurance-seed.json"}) {
            Files.copy(Path.of("connectors", "sandbox", file), seeds.resolve(file));
        }
        StringWriter out = new StringWriter();
        CommandLine cli = AgentHubCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        SandboxCommand command = (SandboxCommand) cli.parseArgs("sandbox", "--port", "0", "--seed-dir", seeds.toString())
                .subcommand().commandSpec().userObject();

        try (SandboxBackends sandbox = command.start()) {
            assertThat(out.toString().strip()).isEqualTo(SandboxCommand.READY + sandbox.baseUrl());
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> customer = http.send(HttpRequest.newBuilder(URI.create(sandbox.coreBankingUrl() + "/customers/C-1001")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> actions = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/actions")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(customer.statusCode()).isEqualTo(200);
            assertThat(actions.statusCode()).isEqualTo(200);
            assertThat(actions.body()).isEqualTo("[]");
        }
    }

    @Test
    void aStateFolderKeepsTheSandboxsWritesForItsNextStart(@TempDir Path state) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int start = 1; start <= 2; start++) {
            SandboxCommand command = (SandboxCommand) AgentHubCli.commandLine()
                    .parseArgs("sandbox", "--port", "0", "--state-dir", state.toString()).subcommand().commandSpec().userObject();
            try (SandboxBackends sandbox = command.start()) {
                assertThat(sandbox.stateFile()).contains(state.resolve("journal.jsonl"));
                if (start == 1) {
                    HttpResponse<String> block = http.send(HttpRequest.newBuilder(URI.create(sandbox.coreBankingUrl() + "/cards/CRD-1001-1/block"))
                            .header("Content-Type", "application/json").header("Idempotency-Key", "block-1")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"LOST\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(block.statusCode()).isEqualTo(200);
                } else {
                    HttpResponse<String> actions = http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/sandbox/actions")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(actions.body()).contains("\"operation\":\"block-card\"", "\"idempotencyKey\":\"block-1\"");
                }
            }
        }
    }

    @Test
    void withoutAStateFolderTheSandboxKeepsItsStateInMemory() {
        SandboxCommand command = (SandboxCommand) AgentHubCli.commandLine().parseArgs("sandbox", "--port", "0")
                .subcommand().commandSpec().userObject();
        command.spec.commandLine().setOut(new PrintWriter(new StringWriter(), true));

        try (SandboxBackends sandbox = command.start()) {
            assertThat(sandbox.stateFile()).isEmpty();
        }
    }

    @Test
    void aSeedFolderThatDoesNotExistIsOneLineAndExitOne(@TempDir Path dir) {
        CliRun cli = new CliRun();

        int exit = cli.run("sandbox", "--seed-dir", dir.resolve("missing").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(cli.err()).contains("is not a folder").doesNotContain("Exception");
    }
}
