package io.agenthub.app;

import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the Camel Main that is the hub: the same code path for {@code agent-hub run} and for the
 * tests that start the whole application.
 */
public final class HubLauncher {

    private HubLauncher() {
    }

    /** Runs the hub in the foreground until the JVM is asked to stop (Ctrl-C), then shuts down gracefully. */
    public static void run(HubOptions options) throws Exception {
        Main main = create(options);
        main.run();
    }

    /** A configured, not yet started hub. */
    public static Main create(HubOptions options) {
        HubHome home = HubHome.resolve(options.home());
        Main main = new Main();
        main.configure().addConfiguration(new HubConfiguration(home));

        main.setPropertyPlaceholderLocations(propertyLocations(options.configFile()));

        main.addInitialProperty("hub.home", home.toString());
        main.addInitialProperty("camel.main.routesIncludePattern", home.location("routes/*.camel.yaml"));
        if (options.reload()) {
            if (home.bundled()) {
                throw new IllegalArgumentException("--reload needs routes on disk: run from a folder with routes/ or pass --home");
            }
            main.addOverrideProperty("camel.main.routesReloadEnabled", "true");
            main.addOverrideProperty("camel.main.routesReloadDirectory", home.routesDir().toString());
            main.addOverrideProperty("camel.main.routesReloadPattern", "*.camel.yaml");
            // Replace only the routes of the changed file; the default removes every route first.
            main.addOverrideProperty("camel.main.routesReloadRemoveAllRoutes", "false");
        }
        if (options.port() != null) {
            main.addOverrideProperty("camel.server.port", String.valueOf(options.port()));
            main.addOverrideProperty("camel.management.port", String.valueOf(options.port()));
        }
        if (options.dataDir() != null) {
            main.addOverrideProperty("hub.data-dir", absolute(options.dataDir()));
        }
        if (options.demo()) {
            main.addOverrideProperty("hub.demo.enabled", "true");
        }
        return main;
    }

    /** The default settings, after the user's file when there is one. */
    static String propertyLocations(Path configFile) {
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

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
