package io.agenthub.testing;

import io.agenthub.store.Database;
import io.agenthub.store.DatabaseSettings;

import java.util.UUID;

/** A hub database of a test's own: in-memory H2, migrated as the hub migrates it, gone when stopped. */
public final class MemoryDatabase {

    private MemoryDatabase() {
    }

    /** A started database; {@code name} shows in H2's messages, a random suffix keeps tests apart. */
    public static Database started(String name) {
        Database database = new Database(new DatabaseSettings("jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1", "sa", "", 2));
        database.start();
        return database;
    }
}
