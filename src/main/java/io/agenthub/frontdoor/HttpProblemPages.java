package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Errors that the HTTP server raises before a route runs (unknown path, wrong method, a body over
 * the server's hard limit) get the same RFC 9457 JSON problem body as everything else, instead of
 * the server's plain-text page.
 */
public final class HttpProblemPages implements StartupListener {

    private final ObjectMapper json;

    public HttpProblemPages(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context);
        if (router == null) {
            return;
        }
        router.errorHandler(404, rc -> send(rc, ProblemType.NOT_FOUND, "No resource at " + rc.request().path() + "."));
        router.errorHandler(405, rc -> send(rc, ProblemType.METHOD_NOT_ALLOWED,
                rc.request().method() + " is not allowed on " + rc.request().path() + "."));
        router.errorHandler(413, rc -> send(rc, ProblemType.PAYLOAD_TOO_LARGE, "The request body is over the server's limit."));
        router.errorHandler(500, rc -> send(rc, ProblemType.INTERNAL_ERROR, "The hub could not complete the request."));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // everything happens once the HTTP server is up
    }

    private void send(RoutingContext rc, ProblemType type, String detail) {
        if (rc.response().headWritten()) {
            return;
        }
        String body;
        try {
            body = json.writeValueAsString(Problem.of(type, detail));
        } catch (JsonProcessingException e) {
            body = "{\"title\":\"" + type.title() + "\",\"status\":" + type.status() + "}";
        }
        rc.response().setStatusCode(type.status()).putHeader("Content-Type", "application/problem+json").end(body);
    }
}
