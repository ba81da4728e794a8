package io.agenthub.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the hub keeps the secrets it makes itself when the configuration gives none (the vault master key,
 * the audit signing key, the embedded database's password): the key directory, {@code hub.keys-dir}, which
 * is {@code <data-dir>/keys} unless an operator puts it on other storage than the data. A data directory
 * from before the key directory keeps using its keys where they are, and the log says so.
 *
 * @param keysDir where new secrets go
 * @param dataDir where a secret of an older hub may already be
 */
public record KeyFiles(Path keysDir, Path dataDir) {

    private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

    /** The file that holds the secret: in the key directory, or at its old place under the data directory. */
    public Path locate(String name, String oldPlace) {
        Path current = keysDir.resolve(name);
        if (Files.exists(current) || oldPlace == null) {
            return current;
        }
        Path old = dataDir.resolve(oldPlace);
        if (Files.isRegularFile(old)) {
            LOG.info("Using the key kept at {} by an earlier version; to keep keys apart from the data, stop the hub"
                    + " and move it to {}", old, current);
            return old;
        }
        return current;
    }

    /** The secret, made by {@code maker} and stored for the owner only the first time it is asked for. */
    public String readOrCreate(String name, String oldPlace, Supplier<String> maker) {
        Path file = locate(name, oldPlace);
        try {
            if (Files.isRegularFile(file)) {
                return OwnerOnly.readSecret(file);
            }
            String made = maker.get();
            OwnerOnly.writeSecret(file, made);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** The secret a hub has been using, for offline commands, which never make one. */
    public Optional<String> existing(String name, String oldPlace) {
        Path file = locate(name, oldPlace);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OwnerOnly.readSecret(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
