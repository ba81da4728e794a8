package io.agenthub.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the integrator-edited folders ({@code routes/}, {@code processors/}, {@code connectors/},
 * {@code compliance/}, {@code models/}) are read from: a folder on disk, or the copies that the
 * build packs into the jar under {@code hub/}. Locations are Camel resource URIs, so every
 * loader (routes, properties, YAML declarations) reads both the same way.
 */
public record HubHome(Path dir) {

    private static final String BUNDLED_PREFIX = "classpath:hub/";

    /** The folder given, else the working directory when it holds the hub's folders, else the bundled copies. */
    public static HubHome resolve(Path explicit) {
        if (explicit != null) {
            if (!Files.isDirectory(explicit.resolve("routes"))) {
                throw new IllegalArgumentException("--home " + explicit + " has no routes/ folder");
            }
            return new HubHome(explicit.toAbsolutePath().normalize());
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("routes")) && Files.isDirectory(cwd.resolve("connectors"))) {
            return new HubHome(cwd);
        }
        return new HubHome(null);
    }

    public boolean bundled() {
        return dir == null;
    }

    /** A Camel resource URI for a path relative to the home, e.g. {@code routes/*.camel.yaml}. */
    public String location(String relative) {
        return bundled() ? BUNDLED_PREFIX + relative : "file:" + dir.resolve(relative);
    }

    /** The folder that route reloading watches; only a home on disk can be watched. */
    public Path routesDir() {
        return bundled() ? null : dir.resolve("routes");
    }

    @Override
    public String toString() {
        return bundled() ? "(bundled in the jar)" : dir.toString();
    }
}
