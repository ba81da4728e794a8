package io.agenthub.config;

import io.agenthub.secrets.KeyFiles;
import io.agenthub.store.DatabasePassword;
import io.agenthub.store.DatabaseSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * Typed reads of the {@code hub.*} settings, with the defaults documented in application.properties. The
 * running hub reads them through its Camel context; offline commands ({@code audit verify}) read the same
 * files, in the same order, through {@link #offline}.
 */
public final class HubSettings {

    private final PropertiesComponent properties;

    public HubSettings(PropertiesComponent properties) {
        this.properties = properties;
    }

    /** The settings a hub started with {@code --config configFile --data-dir dataDir} would see. */
    public static HubSettings offline(Path configFile, Path dataDir) {
        DefaultCamelContext context = new DefaultCamelContext(false);
        PropertiesComponent properties = context.getPropertiesComponent();
        properties.setLocation(propertyLocations(configFile));
        if (dataDir != null) {
            Properties overrides = new Properties();
            overrides.setProperty("hub.data-dir", dataDir.toAbsolutePath().normalize().toString());
            properties.setOverrideProperties(overrides);
        }
        context.init();  // the properties component converts values with the context's type converter
        return new HubSettings(properties);
    }

    /**
     * The setting, or {@code fallback} when it is not set or blank. A setting that is set but cannot be resolved (a
     * {@code {{env:NAME}}} whose variable is missing, a {@code {{file:PATH}}} that is refused) stops the caller with
     * the reason: Camel's {@code resolveProperty} would answer "not set" instead, and an unset key setting makes the
     * hub create a key of its own.
     */
    public String text(String key, String fallback) {
        String value;
        try {
            // {{?key}}: an absent key is null, while a failure inside its value still throws
            value = properties.parseUri(PropertiesComponent.PREFIX_OPTIONAL_TOKEN + key + PropertiesComponent.SUFFIX_TOKEN);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " cannot be resolved: " + e.getMessage(), e);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    public int integer(String key, int fallback) {
        String value = text(key, String.valueOf(fallback)).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'");
        }
    }

    public int atLeast(String key, int fallback, int min) {
        int value = integer(key, fallback);
        if (value < min) {
            throw new IllegalArgumentException(key + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** An ISO-8601 duration ({@code PT24H}), positive; {@code fallback} when not set. */
    public Duration duration(String key, Duration fallback) {
        String value = text(key, fallback.toString()).trim();
        Duration duration;
        try {
            duration = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT24H, got '" + value + "'");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be longer than zero, got " + value);
        }
        return duration;
    }

    public boolean bool(String key, boolean fallback) {
        return Boolean.parseBoolean(text(key, String.valueOf(fallback)).trim());
    }

    public Path dataDir() {
        return Path.of(text("hub.data-dir", "data")).toAbsolutePath();
    }

    /** Where signed audit checkpoints are copied outside the database ({@code hub.audit.checkpoint-file}). */
    public Path auditCheckpointFile() {
        String configured = text("hub.audit.checkpoint-file", "");
        return configured.isBlank() ? dataDir().resolve("audit/checkpoints.jsonl") : Path.of(configured).toAbsolutePath();
    }

    /** Where the hub keeps the secrets it makes itself ({@code hub.keys-dir}, default {@code <data-dir>/keys}). */
    public Path keysDir() {
        String configured = text("hub.keys-dir", "");
        return configured.isBlank() ? dataDir().resolve("keys") : Path.of(configured).toAbsolutePath();
    }

    public KeyFiles keyFiles() {
        return new KeyFiles(keysDir(), dataDir());
    }

    /** Whether the hub keeps its state in the H2 file under the data directory ({@code hub.db.url} not set). */
    public boolean embeddedDatabase() {
        return text("hub.db.url", "").isBlank();
    }

    /** The embedded database's file, as H2 names it (without its {@code .mv.db} suffix). */
    public Path embeddedDatabaseFile() {
        return dataDir().resolve("db/agent-hub");
    }

    /**
     * {@code hub.db.url}, else the embedded H2 file under the data directory: opened by this process alone, or,
     * with {@code hub.db.shared=true}, in H2's automatic mixed mode, which lets offline commands in while the
     * hub runs through a TCP server on loopback.
     */
    public String databaseUrl() {
        if (!embeddedDatabase()) {
            return text("hub.db.url", "");
        }
        return "jdbc:h2:file:" + embeddedDatabaseFile() + (bool("hub.db.shared", false) ? ";AUTO_SERVER=TRUE" : "");
    }

    /**
     * The database to open. The embedded one's password, unless {@code hub.db.password} gives one, is made on
     * first use and kept in the key directory ({@link DatabasePassword}).
     */
    public DatabaseSettings database() {
        String password = text("hub.db.password", "");
        if (password.isEmpty() && embeddedDatabase()) {
            password = DatabasePassword.of(keyFiles());
        }
        return new DatabaseSettings(databaseUrl(), text("hub.db.user", "sa"), password, integer("hub.db.pool-size", 10));
    }

    /** The default settings, after the user's file when there is one. */
    public static String propertyLocations(Path configFile) {
        // Camel takes a key from the first location that has it, so the user's file goes before the defaults.
        String locations = "classpath:application.properties";
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new IllegalArgumentException("--config " + configFile + " cannot be read");
            }
            locations = "file:" + configFile.toAbsolutePath() + "," + locations;
        }
        return locations;
    }
}
