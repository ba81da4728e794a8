package io.agenthub.crash;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/** What the tests that run the packaged jar as separate processes share: waiting for them, ports, folders, audit verify. */
final class HubProcesses {

    /** The line `agent-hub sandbox` prints once it serves (cli/SandboxCommand.READY). */
    static final String SANDBOX_READY = "Sandbox listening at ";

    /** The exit code and last lines of a command run to its end. */
    record Exit(int code, String tail) {
    }

    private HubProcesses() {
    }

    /** The URL the sandbox printed once it serves; fails with its log when it exits first. */
    static String awaitSandboxUrl(JarProcess sandbox) {
        await("the sandbox's URL").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sandbox.output().contains(SANDBOX_READY) || !sandbox.alive());
        return sandbox.output().lines().filter(l -> l.startsWith(SANDBOX_READY)).findFirst()
                .map(l -> l.substring(SANDBOX_READY.length()).strip())
                .orElseThrow(() -> new IllegalStateException("The sandbox did not start:\n" + sandbox.tail(30)));
    }

    /** Waits until the hub's health check answers 200; the milliseconds it took. Fails with its log when it exits first. */
    static long awaitHealthy(JarProcess hub, HttpFrontDoor http, Duration atMost) {
        long started = System.nanoTime();
        await(hub + " healthy").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> http.healthy() || !hub.alive());
        if (!hub.alive()) {
            throw new IllegalStateException(hub + " exited while starting:\n" + hub.tail(40));
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** {@code agent-hub audit verify} on the hub's data directory, the hub stopped. */
    static Exit auditVerify(Path dataDir, Path config, Path log) throws InterruptedException {
        try (JarProcess verify = JarProcess.start("audit verify", log,
                "audit", "verify", "--data-dir", dataDir.toString(), "--config", config.toString())) {
            int exit = verify.waitFor(Duration.ofSeconds(120));
            return new Exit(exit, verify.tail(3).replace('\n', ' '));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
