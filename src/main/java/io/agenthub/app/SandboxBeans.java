package io.agenthub.app;

import io.agenthub.access.InternalTokens;
import io.agenthub.config.HubSettings;
import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.sandbox.SandboxSeed;
import io.agenthub.secrets.OwnerOnly;
import io.agenthub.store.RequestRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Demo mode: {@code sandboxBackends} ({@link SandboxBackends}, the demo back-ends, on unless
 * {@code hub.sandbox.enabled=false}), and the demo stream's {@code demoRequests} ({@link DemoRequests}) and
 * {@code demoChannel} ({@link DemoChannel}), started with {@code run --demo}, whose answers {@code demoAnswerLine}
 * ({@link DemoAnswerLine}) logs beside the pseudonymised text.
 */
final class SandboxBeans {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxBeans.class);
    /** The {@code hub.sandbox.state-dir} that keeps the sandbox's state in memory only. */
    static final String IN_MEMORY = "none";

    private SandboxBeans() {
    }

    static void bind(Wiring hub, InternalTokens internalTokens, RequestRecords records) throws Exception {
        if (hub.settings().bool("hub.sandbox.enabled", true)) {
            startSandbox(hub);
        }
        hub.bind("demoRequests", DemoRequests.fromJsonLines(hub.open("connectors/sandbox/demo-requests.jsonl")));
        hub.bind("demoChannel", new DemoChannel(internalTokens, hub.json()));
        hub.bind("demoAnswerLine", new DemoAnswerLine(records::find, hub.json()));
        if (hub.settings().bool("hub.demo.enabled", false)) {
            hub.context().addStartupListener(new DemoStreamStarter());
        }
    }

    /**
     * {@code hub.sandbox.state-dir}: empty for {@code <data-dir>/sandbox}, owner-only like the rest of the hub's state,
     * so what the demo bank did survives a crash of the hub that runs it; {@code none} keeps it in memory.
     */
    static Path stateDir(HubSettings settings) throws IOException {
        String configured = settings.text("hub.sandbox.state-dir", "").strip();
        if (IN_MEMORY.equals(configured)) {
            return null;
        }
        return OwnerOnly.directory(configured.isEmpty() ? settings.dataDir().resolve("sandbox") : Path.of(configured));
    }

    private static void startSandbox(Wiring hub) throws Exception {
        SandboxSeed seed;
        try (InputStream bank = hub.open("connectors/sandbox/core-banking-seed.json");
             InputStream insurance = hub.open("connectors/sandbox/insurance-seed.json")) {
            seed = SandboxSeed.fromStreams(bank, insurance);
        }
        SandboxBackends sandbox = SandboxBackends.start(hub.settings().text("hub.sandbox.host", "127.0.0.1"),
                hub.settings().integer("hub.sandbox.port", 0), seed, Clock.systemUTC(), stateDir(hub.settings()));
        hub.closeOnStop(sandbox);
        hub.context().getPropertiesComponent().addOverrideProperty("hub.sandbox.url", sandbox.baseUrl());
        hub.bind("sandboxBackends", sandbox);
        LOG.info("Sandbox back-ends at {} (demo data; point connectors/*.properties at real back-ends to leave demo mode)",
                sandbox.baseUrl());
    }
}
