package io.agenthub.store;

import io.agenthub.secrets.KeyFiles;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded database's password when {@code hub.db.password} is not set: 32 random bytes made on first
 * start and kept in the key directory, so the hub and the offline commands of the same data directory
 * share it and no other local user has it.
 */
public final class DatabasePassword {

    static final String FILE = "db-password";
    private static final int BYTES = 32;

    private DatabasePassword() {
    }

    public static String of(KeyFiles keys) {
        return keys.readOrCreate(FILE, null, DatabasePassword::generate);
    }

    static String generate() {
        byte[] raw = new byte[BYTES];
        new SecureRandom().nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
