package io.agenthub;

import io.agenthub.cli.AgentHubCli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@code agent-hub} command in a JVM of its own, as an operator runs one beside a hub: it shares no
 * in-process database with the hub the test started, so it meets the locks and passwords another local
 * process would.
 */
public record OtherProcess(int exitCode, String out, String err) {

    public static OtherProcess cli(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AgentHubCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("agent-hub-cli", ".out");
        Path err = Files.createTempFile("agent-hub-cli", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("agent-hub " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new OtherProcess(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
