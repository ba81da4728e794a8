package io.agenthub.frontdoor;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Answers a request under {@code /api/} that no route took: {@code 405 method-not-allowed} with the {@code Allow}
 * header when routes serve its path with other methods, else {@code 404 not-found}. Vert.x would answer both from the
 * server's root router, which Camel keeps to itself, so its error handlers cannot be set: a 405 with an empty Allow
 * header and no body, a 404 as an HTML page.
 */
final class NoSuchRoute implements Handler<RoutingContext> {

    private final Router router;
    private final BiConsumer<RoutingContext, Problem> reply;

    NoSuchRoute(Router router, BiConsumer<RoutingContext, Problem> reply) {
        this.router = router;
        this.reply = reply;
    }

    @Override
    public void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        Set<String> allowed = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            if (route.methods() != null && route.getPath() != null && serves(route.getPath(), path)) {
                route.methods().stream().map(HttpMethod::name).forEach(allowed::add);
            }
        }
        if (allowed.isEmpty()) {
            reply.accept(rc, Problem.of(ProblemType.NOT_FOUND, "No resource at this path."));
            return;
        }
        rc.response().putHeader("Allow", String.join(", ", allowed));
        // the method is an HTTP token the server has parsed, never arbitrary bytes
        reply.accept(rc, Problem.of(ProblemType.METHOD_NOT_ALLOWED,
                rc.request().method().name() + " is not allowed here; the Allow header says what is."));
    }

    /** Whether a route's path ({@code /api/v1/requests/:requestId}) matches a request's, as the router matches it. */
    static boolean serves(String template, String path) {
        String pattern = Arrays.stream(template.split("/", -1))
                .map(segment -> segment.startsWith(":") ? "[^/]+" : Pattern.quote(segment))
                .collect(Collectors.joining("/"));
        return Objects.requireNonNull(path).matches(pattern + "/?");
    }
}
