package io.agenthub.secrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;

/**
 * Directories only their owner can enter and secret files only their owner can read: the data directory,
 * the key directory and the keys in them. They are made with those modes, so there is no moment in which
 * another local user could open them, and an existing one that is looser is tightened with a warning.
 * Where the file system has no POSIX permissions (Windows), the operator's own access rules stand.
 */
public final class OwnerOnly {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);

    static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** The directory, made (with any missing parents) for its owner only, or tightened if it exists. */
    public static Path directory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            tighten(absolute, DIRECTORY);
        } else {
            create(absolute);
        }
        return absolute;
    }

    /** Tightens an existing directory or file to its owner; does nothing when it does not exist. */
    public static void tightenIfPresent(Path path) {
        if (Files.isDirectory(path)) {
            tighten(path, DIRECTORY);
        } else if (Files.isRegularFile(path)) {
            tighten(path, FILE);
        }
    }

    /** The text of a secret file, which is first tightened to its owner if it is looser. */
    public static String readSecret(Path file) throws IOException {
        tighten(file, FILE);
        return Files.readString(file, StandardCharsets.US_ASCII).strip();
    }

    /**
     * Writes a new secret file in an owner-only directory. The text goes to a temporary file first, so a
     * crash never leaves a half-written key; an existing secret is never replaced.
     */
    public static void writeSecret(Path file, String text) throws IOException {
        Path dir = directory(file.toAbsolutePath().getParent());
        Path partial = dir.resolve("." + file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try (OutputStream out = Files.newOutputStream(Files.createFile(partial, attributes(partial, FILE)))) {
            out.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        try {
            Files.move(partial, file);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void create(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            create(parent);
        }
        try {
            Files.createDirectory(dir, attributes(dir, DIRECTORY));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(dir)) {
                throw raced;
            }
            tighten(dir, DIRECTORY);
        }
    }

    private static FileAttribute<?>[] attributes(Path path, Set<PosixFilePermission> permissions) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Takes the group's and others' bits away, leaving the owner's as they are. */
    private static void tighten(Path path, Set<PosixFilePermission> allowed) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> now = view.readAttributes().permissions();
            if (allowed.containsAll(now)) {
                return;
            }
            Set<PosixFilePermission> tightened = new HashSet<>(now);
            tightened.retainAll(allowed);
            view.setPermissions(tightened);
            LOG.warn("{} was open to other local users ({}); it is now {}", path, PosixFilePermissions.toString(now),
                    PosixFilePermissions.toString(tightened));
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("{} is open to other local users and could not be restricted to its owner: {}", path, e.getMessage());
        }
    }
}
