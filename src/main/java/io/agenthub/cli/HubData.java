package io.agenthub.cli;

import io.agenthub.config.HubSettings;
import io.agenthub.store.Database;
import io.agenthub.store.DatabaseSettings;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which hub's data an offline command works on: the same --data-dir and --config as {@code run}, so the same
 * database, key directory and keys. The embedded database is the hub's alone while it runs, unless both run
 * with {@code hub.db.shared=true}; PostgreSQL always opens.
 */
final class HubData {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "The hub's data directory (default: ./data, or hub.data-dir).")
    Path dataDir;

    @Option(names = "--config", paramLabel = "FILE", description = "The properties file the hub runs with (hub.db.*, hub.keys-dir ...).")
    Path config;

    HubSettings settings() {
        return HubSettings.offline(config, dataDir);
    }

    Database open(HubSettings settings) {
        String url = settings.databaseUrl();
        if (url.startsWith("jdbc:h2:file:")) {
            String file = url.substring("jdbc:h2:file:".length()).split(";", 2)[0] + ".mv.db";
            if (!Files.isRegularFile(Path.of(file))) {
                // Opening would create an empty database and report on nothing.
                throw new IllegalArgumentException("no hub database at " + file + ": pass the hub's --data-dir");
            }
        }
        DatabaseSettings databaseSettings = settings.database();
        Database database = new Database(databaseSettings);
        try {
            database.start();
        } catch (RuntimeException e) {
            if (Database.inUseElsewhere(e)) {
                throw new IllegalStateException("the database in " + settings.dataDir() + " is in use by another process,"
                        + " likely the hub: stop it first, or run both with hub.db.shared=true (see docs/security.md)");
            }
            throw new IllegalStateException("cannot open the hub's database " + databaseSettings.redactedUrl()
                    + ": " + rootMessage(e), e);
        }
        return database;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }
}
