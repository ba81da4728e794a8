package io.agenthub.routes;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.main.MainConfigurationProperties;

/**
 * Loads one {@code routes/*.camel.yaml} into a route test's Camel Main ({@code @CamelMainTest}), with the error
 * handling its routes name ({@code route-configurations.camel.yaml}) and nothing else of the hub: no HTTP server, no
 * broker, no models. The test binds the beans the route calls, real or small fakes, in its own registry.
 */
final class RouteFile {

    /** The placeholders a route test's Camel Main reads, instead of the hub's application.properties. */
    static final String PROPERTIES = "classpath:route-test.properties";

    private RouteFile() {
    }

    /** Every route of {@code routes/<file>}. */
    static void alone(MainConfigurationProperties main, String file) {
        main.withRoutesIncludePattern("file:routes/" + file + ",file:routes/route-configurations.camel.yaml");
    }

    /**
     * Every route of {@code routes/<file>}, with the execution routes of the actions it proposes
     * ({@code execute-<type>} of routes/actions.camel.yaml), as the gate runs them.
     */
    static void withActions(MainConfigurationProperties main, String file, String flowRoute, String... actionTypes) {
        main.withRoutesIncludePattern("file:routes/" + file + ",file:routes/actions.camel.yaml,"
                + "file:routes/route-configurations.camel.yaml");
        List<String> ids = new ArrayList<>(List.of(flowRoute));
        for (String type : actionTypes) {
            ids.add("execute-" + type);
        }
        main.withRouteFilterIncludePattern(String.join(",", ids));
    }

    /** Only the routes of {@code routes/<file>} with these ids (a file may hold routes that need a whole hub). */
    static void only(MainConfigurationProperties main, String file, String... routeIds) {
        alone(main, file);
        main.withRouteFilterIncludePattern(String.join(",", routeIds));
    }
}
