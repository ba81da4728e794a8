package io.agenthub.app;

import io.agenthub.backoffice.BackOfficeDatabase;
import io.agenthub.backoffice.BackOfficeRetries;
import io.agenthub.backoffice.BackOfficeSchema;
import io.agenthub.backoffice.BackOfficeSeed;
import io.agenthub.backoffice.BackOfficeSettings;
import io.agenthub.config.HubSettings;
import io.agenthub.secrets.OwnerOnly;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The back-office database ({@code connectors/back-office.properties}): {@code backOfficeDataSource}, the bank's and
 * insurer's legacy records that jobs read and write with Camel's {@code sql:} endpoints, and {@code backOfficeRetries}
 * ({@link BackOfficeRetries}), which of their failures are tried again. {@code hub.backoffice.url}
 * names a real one (PostgreSQL); empty, the sandbox's embedded H2 file {@code backoffice} under
 * {@code hub.sandbox.state-dir}, made and seeded from {@code connectors/sandbox/} when empty (in memory when the state
 * dir is {@code none}).
 */
final class BackOfficeBeans {

    private BackOfficeBeans() {
    }

    static void bind(Wiring hub) throws Exception {
        BackOfficeSettings settings = settings(hub.settings());
        BackOfficeSchema schema;
        BackOfficeSeed seed;
        try (InputStream script = hub.open("connectors/back-office.schema.sql");
             InputStream json = hub.open("connectors/sandbox/back-office-seed.json")) {
            schema = BackOfficeSchema.of(new String(script.readAllBytes(), StandardCharsets.UTF_8));
            seed = BackOfficeSeed.read(json, hub.json());
        }
        BackOfficeDatabase database = hub.start(new BackOfficeDatabase(settings, schema,
                dataSource -> seed.apply(dataSource, hub.clock())));
        hub.bind("backOfficeDataSource", database.dataSource());
        hub.bind("backOfficeRetries", new BackOfficeRetries());
    }

    static BackOfficeSettings settings(HubSettings settings) throws IOException {
        int poolSize = settings.atLeast("connectors.back-office.pool-size", 4, 1);
        long connectTimeout = settings.atLeast("connectors.back-office.connect-timeout-ms", 2000, 250);
        String url = settings.text("hub.backoffice.url", "").strip();
        if (!url.isEmpty()) {
            return new BackOfficeSettings(url, settings.text("hub.backoffice.user", ""),
                    settings.text("hub.backoffice.password", ""), poolSize, connectTimeout, false);
        }
        Path stateDir = SandboxBeans.stateDir(settings);
        if (stateDir == null) {
            // In memory, afresh at each start like the rest of the sandbox; a name of its own, so that two hubs in one
            // JVM (tests) do not share it.
            return new BackOfficeSettings("jdbc:h2:mem:backoffice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                    "", poolSize, connectTimeout, true);
        }
        Path file = OwnerOnly.directory(stateDir.resolve("backoffice")).resolve("backoffice");
        // No password, like the rest of the sandbox's state (its journal): fictional data, in an owner-only directory,
        // opened by this process alone (no server mode). WRITE_DELAY=0: a commit is on disk before it returns, as for
        // the hub's own database, so a contact written just before a kill -9 is there after it.
        return new BackOfficeSettings("jdbc:h2:file:" + file + ";WRITE_DELAY=0", "sa", "", poolSize, connectTimeout,
                true);
    }
}
