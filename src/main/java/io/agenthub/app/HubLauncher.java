package io.agenthub.app;

import io.agenthub.config.HubSettings;
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

        main.setPropertyPlaceholderLocations(HubSettings.propertyLocations(options.configFile()));

        main.addInitialProperty("hub.home", home.toString());
        // The flows and the connectors' route templates (connectors/<name>.camel.yaml, with their settings in
        // connectors/<name>.properties).
        main.addInitialProperty("camel.main.routesIncludePattern",
                home.location("routes/*.camel.yaml") + "," + home.location("connectors/*.camel.yaml"));
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


    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }
}
