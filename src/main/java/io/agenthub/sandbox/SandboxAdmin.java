package io.agenthub.sandbox;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The sandbox's admin API, for a test that runs the sandbox in another process: its record of applied
 * writes and its fault injection. It sits in front of the fault handler, so armed faults never hit it,
 * and it answers loopback clients only, even when the sandbox listens on another interface.
 */
final class SandboxAdmin {

    static final String MOUNT_PATH = "/sandbox";

    private final SandboxActions actions;
    private final SandboxFaults faults;

    SandboxAdmin(SandboxActions actions, SandboxFaults faults) {
        this.actions = actions;
        this.faults = faults;
    }

    void mount(Router router) {
        router.route().handler(SandboxAdmin::loopbackOnly);
        router.get("/actions").handler(this::listActions);
        router.post("/faults").handler(this::armFaults);
        router.delete("/faults").handler(this::clearFaults);
    }

    private void listActions(RoutingContext ctx) {
        String after = ctx.queryParams().get("after");
        long afterSequence = 0;
        if (after != null && !after.isBlank()) {
            try {
                afterSequence = Long.parseLong(after.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("invalid-parameter", "Invalid parameter", "after must be an action sequence number.");
            }
        }
        HttpReplies.json(ctx, 200, actions.after(afterSequence));
    }

    private void armFaults(RoutingContext ctx) {
        FaultOrder order = RequestFields.of(ctx).as(FaultOrder.class);
        try {
            order.validate();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.badRequest("invalid-fault", "Invalid fault", e.getMessage());
        }
        order.applyTo(faults);
        ctx.response().setStatusCode(204).end();
    }

    private void clearFaults(RoutingContext ctx) {
        faults.clear();
        ctx.response().setStatusCode(204).end();
    }

    private static void loopbackOnly(RoutingContext ctx) {
        if (isLoopback(ctx.request().remoteAddress())) {
            ctx.next();
        } else {
            HttpReplies.problem(ctx, Problem.of(403, "admin-loopback-only", "Forbidden",
                    "The sandbox admin API answers loopback clients only."));
        }
    }

    static boolean isLoopback(SocketAddress remote) {
        if (remote == null || remote.hostAddress() == null) {
            return false;
        }
        try {
            // hostAddress is an IP literal, so this parses it without a name lookup.
            return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
