package io.agenthub.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes JSON and problem responses, and turns every routing failure into a problem document. */
final class HttpReplies {

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger LOG = LoggerFactory.getLogger(HttpReplies.class);

    private HttpReplies() {
    }

    static void json(RoutingContext ctx, int status, Object body) {
        send(ctx, status, JSON, SandboxJson.write(body));
    }

    static void reply(RoutingContext ctx, IdempotencyStore.Outcome outcome) {
        if (outcome.reply().location() != null) {
            ctx.response().putHeader("Location", outcome.reply().location());
        }
        if (outcome.replayed()) {
            ctx.response().putHeader(REPLAYED_HEADER, "true");
        }
        send(ctx, outcome.reply().status(), JSON, outcome.reply().json());
    }

    static void problem(RoutingContext ctx, Problem problem) {
        send(ctx, problem.status(), PROBLEM_JSON, SandboxJson.write(problem.at(ctx.request().path())));
    }

    /** Failure handler: expected problems as they are, status-only failures by status, anything else as an opaque 500. */
    static void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof ProblemException p) {
            problem(ctx, p.problem());
            return;
        }
        int status = ctx.statusCode();
        if (failure != null || status < 400) {
            LOG.error("Sandbox failed on {} {}", ctx.request().method(), ctx.request().path(), failure);
            problem(ctx, Problem.ofStatus(500, "The sandbox could not process the request."));
            return;
        }
        problem(ctx, Problem.ofStatus(status, detailFor(status, ctx)));
    }

    static Handler<RoutingContext> statusProblem(int status) {
        return ctx -> problem(ctx, Problem.ofStatus(status, detailFor(status, ctx)));
    }

    private static String detailFor(int status, RoutingContext ctx) {
        return switch (status) {
            case 404 -> "No resource at " + ctx.request().path() + ".";
            case 405 -> ctx.request().method() + " is not supported on " + ctx.request().path() + ".";
            case 413 -> "The request body exceeds " + SandboxBackends.MAX_BODY_BYTES + " bytes.";
            default -> "The request failed with status " + status + ".";
        };
    }

    private static void send(RoutingContext ctx, int status, String contentType, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        if (Boolean.TRUE.equals(ctx.get(FaultInjectionHandler.DROP_REPLY))) {
            // The write has run; closing without a status line is how a reply is lost in transit.
            ctx.request().connection().close();
            return;
        }
        if (response.headWritten()) {
            response.end();
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", contentType)
                .putHeader("Cache-Control", "no-store")
                .end(body);
    }
}
