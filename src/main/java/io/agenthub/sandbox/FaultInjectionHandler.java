package io.agenthub.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;

/** Applies {@link SandboxFaults} before any sandbox route; delays use a timer so the event loop never blocks. */
final class FaultInjectionHandler implements Handler<RoutingContext> {

    /** Routing-context key that tells {@link HttpReplies} to close the connection instead of answering. */
    static final String DROP_REPLY = "sandbox.drop-reply";

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final Vertx vertx;
    private final SandboxFaults faults;

    FaultInjectionHandler(Vertx vertx, SandboxFaults faults) {
        this.vertx = vertx;
        this.faults = faults;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        faults.recordRequest(path);
        Duration delay = faults.delayFor(path);
        if (delay.isZero()) {
            failOrContinue(ctx, path);
        } else {
            vertx.setTimer(Math.max(1, delay.toMillis()), id -> failOrContinue(ctx, path));
        }
    }

    private void failOrContinue(RoutingContext ctx, String path) {
        if (ctx.response().closed()) {
            return;
        }
        OptionalInt failure = faults.takeFailure(path);
        if (failure.isPresent()) {
            HttpReplies.problem(ctx, Problem.ofStatus(failure.getAsInt(), "Fault injected by the sandbox."));
            return;
        }
        if (WRITES.contains(ctx.request().method()) && faults.takeDroppedReply(path)) {
            ctx.put(DROP_REPLY, Boolean.TRUE);
        }
        ctx.next();
    }
}
