package io.agenthub.routes;

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

    /** Only the routes of {@code routes/<file>} with these ids (a file may hold routes that need a whole hub). */
    static void only(MainConfigurationProperties main, String file, String... routeIds) {
        alone(main, file);
        main.withRouteFilterIncludePattern(String.join(",", routeIds));
    }
}
