package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Failures that the HTTP server raises before a route runs (chiefly a body over the server's hard
 * limit) get the same RFC 9457 JSON problem body as everything else, instead of a plain-text page, and so does a
 * request under {@code /api/} that no route takes ({@link NoSuchRoute}: 404, or 405 for a method its path lacks).
 * Paths outside {@code /api/} that match no route are answered by Vert.x itself. A body of a media type the hub
 * does not read is refused here too ({@link MediaTypeGate}), before it is read.
 */
public final class HttpProblemPages implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpProblemPages.class);

    private final ObjectMapper json;
    private final Function<BiConsumer<RoutingContext, Problem>, Handler<RoutingContext>> authentication;
    private final Function<BiConsumer<RoutingContext, Problem>, Handler<RoutingContext>> metricsAuthentication;

    /**
     * @param authentication        makes the handler that authenticates every /api/ call, given how to answer a
     *                              problem; it runs first, before the media type is looked at or the body read
     * @param metricsAuthentication the same for /observe/metrics, or null to leave the metrics open
     */
    public HttpProblemPages(ObjectMapper json, Function<BiConsumer<RoutingContext, Problem>, Handler<RoutingContext>> authentication,
                            Function<BiConsumer<RoutingContext, Problem>, Handler<RoutingContext>> metricsAuthentication) {
        this.json = json;
        this.authentication = authentication;
        this.metricsAuthentication = metricsAuthentication;
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        int port = context.getPropertiesComponent().resolveProperty("camel.server.port").map(Integer::parseInt).orElse(8080);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            return;
        }
        router.route("/api/*").order(Integer.MIN_VALUE)
                .handler(authentication.apply(this::send))
                .handler(new MediaTypeGate(this::send));
        if (metricsAuthentication != null) {
            router.route("/observe/metrics").order(Integer.MIN_VALUE).handler(metricsAuthentication.apply(this::send));
        }
        // Last of all: a request under /api/ that no route took, for its path or its method.
        router.route("/api/*").last().handler(new NoSuchRoute(router, this::send));
        // Failures raised inside the server (the body limit, an unsupported method) reach this handler.
        router.route().order(Integer.MIN_VALUE).failureHandler(rc -> {
            int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
            if (status >= 500) {
                // the failure's type only: its message may quote the request
                LOG.error("HTTP {} failed in the server: {}", rc.request().method(),
                        rc.failure() == null ? "status " + status : rc.failure().getClass().getName());
            }
            switch (status) {
                case 405 -> send(rc, ProblemType.METHOD_NOT_ALLOWED,
                        rc.request().method() + " is not allowed on " + rc.request().path() + ".");
                case 413 -> send(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body is over the server's limit.");
                case 415 -> send(rc, HttpIngressGuard.unsupported(rc.request().getHeader("Content-Type")));
                case 404 -> send(rc, ProblemType.NOT_FOUND, "No resource at " + rc.request().path() + ".");
                default -> send(rc, ProblemType.INTERNAL_ERROR, "The hub could not complete the request.");
            }
        });
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // everything happens once the HTTP server is up
    }

    private void send(RoutingContext rc, ProblemType type, String detail) {
        send(rc, Problem.of(type, detail));
    }

    private void send(RoutingContext rc, Problem problem) {
        send(rc, problem, json);
    }

    /** Answers with {@code problem} as application/problem+json, unless an answer has begun already. */
    public static void send(RoutingContext rc, Problem problem, ObjectMapper json) {
        if (rc.response().headWritten()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
        rc.response().setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json").end(body);
    }
}
