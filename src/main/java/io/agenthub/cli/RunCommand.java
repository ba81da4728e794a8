package io.agenthub.cli;

import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the hub until Ctrl-C.",
                "On its defaults it starts an embedded Artemis broker, an embedded H2 database and the sandbox",
                "back-ends; an external broker, PostgreSQL and real back-ends are configuration only (README)."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port for the API and /observe (default: 8080).")
    Integer port;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the broker journal and the embedded database live (default: ./data).")
    Path dataDir;

    @Option(names = "--home", paramLabel = "DIR",
            description = "Folder holding routes/, processors/, connectors/, compliance/ and models/ (default: the working directory if it has them, else the copies inside the jar).")
    Path home;

    @Option(names = "--config", paramLabel = "FILE", description = "A properties file whose settings override the defaults.")
    Path config;

    @Option(names = "--reload", description = "Reload routes/*.camel.yaml, processors/*.yaml, the reply texts in routes/messages/ and compliance/pii.yaml when a file changes.")
    boolean reload;

    @Option(names = "--demo", description = "Send a stream of sample requests through the hub (sandbox mode).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        HubOptions options = new HubOptions(port, dataDir, home, config, reload, demo);
        HubLauncher.run(options);
        return 0;
    }
}
