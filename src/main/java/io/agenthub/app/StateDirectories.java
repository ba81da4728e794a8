package io.agenthub.app;

import io.agenthub.config.HubSettings;
import io.agenthub.secrets.OwnerOnly;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The directories the hub keeps its state in are its owner's alone: the data directory and, under it, the
 * database, the broker's journal and the audit files. They are made so before anything is written in them,
 * and looser ones left by an earlier run are tightened, with a warning naming them. The key directory is
 * made when the first key is written; the keys are tightened when read.
 */
final class StateDirectories {

    private StateDirectories() {
    }

    static void secure(HubSettings settings) throws IOException {
        Path data = OwnerOnly.directory(settings.dataDir());
        OwnerOnly.directory(data.resolve("audit"));
        if (settings.embeddedDatabase()) {
            OwnerOnly.directory(data.resolve("db"));
        }
        if ("embedded".equals(settings.text("hub.broker.url", "embedded"))) {
            OwnerOnly.directory(data.resolve("broker"));
        }
        OwnerOnly.tightenIfPresent(settings.keysDir());
        // Where hubs before the key directory kept the vault master key.
        OwnerOnly.tightenIfPresent(data.resolve("vault"));
    }
}
