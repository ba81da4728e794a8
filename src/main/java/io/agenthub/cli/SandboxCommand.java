package io.agenthub.cli;

import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.sandbox.SandboxSeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Serve the sandbox core-banking and insurance back-ends until stopped (Ctrl-C or SIGTERM).",
                "For tests and demos that run the hub against back-ends in another process: start the hub with",
                "hub.sandbox.enabled=false and hub.sandbox.url=<the URL printed>. Prints one line",
                "'" + SandboxCommand.READY + "<url>' on standard output once it serves; its admin API",
                "(GET /sandbox/actions, POST and DELETE /sandbox/faults) answers loopback clients only (docs/testing.md)."})
final class SandboxCommand implements Callable<Integer> {

    /** The line a test or script waits for; the base URL follows it. */
    static final String READY = "Sandbox listening at ";

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}); the sandbox holds demo data and has no authentication.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port (default: 0, a free port).")
    int port;

    @Option(names = "--seed-dir", paramLabel = "DIR",
            description = "Folder with core-banking-seed.json and insurance-seed.json (default: connectors/sandbox/ of the working directory, else the copy in the jar).")
    Path seedDir;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Keep the sandbox's state in DIR (made if missing): every write is journaled there before it is answered"
                    + " and replayed on the next start, so it survives a crash. Default: in memory, afresh from the seed at each start.")
    Path stateDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SandboxBackends sandbox = start();
        Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
        // The sandbox serves on its own Vert.x threads; this one only keeps the command alive until the JVM is told to stop.
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts the sandbox and announces its URL; the caller owns it. */
    SandboxBackends start() {
        SandboxBackends sandbox = SandboxBackends.start(host, port, seed(), Clock.systemUTC(), stateDir);
        spec.commandLine().getOut().println(READY + sandbox.baseUrl());
        spec.commandLine().getOut().flush();
        return sandbox;
    }

    private SandboxSeed seed() {
        if (seedDir != null) {
            if (!Files.isDirectory(seedDir)) {
                throw new IllegalArgumentException("--seed-dir " + seedDir + " is not a folder");
            }
            return SandboxSeed.fromDirectory(seedDir);
        }
        Path local = Path.of("connectors", "sandbox");
        return Files.isRegularFile(local.resolve("core-banking-seed.json")) ? SandboxSeed.fromDirectory(local)
                : SandboxSeed.fromClasspath();
    }
}
