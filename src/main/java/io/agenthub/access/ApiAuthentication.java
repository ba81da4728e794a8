package io.agenthub.access;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Authenticates every call to {@code /api/}: an OAuth 2.0 bearer token (RFC 6750) checked by {@link BearerTokens}
 * in the HTTP server, before the body is read or any route runs, so a path an integrator adds under /api/ is
 * protected without a word in its route. No token or a refused one is answered 401 with a WWW-Authenticate
 * challenge and a problem body; the caller a valid token names goes on to the route as the request's user
 * ({@link CallerPrincipal}), where the route checks its role and tenants ({@link CallerAccess}).
 */
public final class ApiAuthentication implements Handler<RoutingContext> {

    /** Open without a token: the API's own description. */
    static final Set<String> OPEN = Set.of("/api/v1/openapi.json");
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9/._~-]{1,200}");

    private final BearerTokens tokens;
    private final AccessAudit audit;
    private final String realm;
    private final BiConsumer<RoutingContext, Problem> reply;
    private final Role required;

    public ApiAuthentication(BearerTokens tokens, AccessAudit audit, String realm, BiConsumer<RoutingContext, Problem> reply) {
        this(tokens, audit, realm, reply, null);
    }

    private ApiAuthentication(BearerTokens tokens, AccessAudit audit, String realm, BiConsumer<RoutingContext, Problem> reply,
                              Role required) {
        this.tokens = tokens;
        this.audit = audit;
        this.realm = realm;
        this.reply = reply;
        this.required = required;
    }

    /**
     * The same check for a path no route serves (such as /observe/metrics), which must then also hold {@code role}
     * for some tenant: 403 otherwise.
     */
    public ApiAuthentication requiring(Role role) {
        return new ApiAuthentication(tokens, audit, realm, reply, role);
    }

    @Override
    public void handle(RoutingContext rc) {
        HttpMethod method = rc.request().method();
        if ((method == HttpMethod.GET || method == HttpMethod.HEAD) && OPEN.contains(rc.normalizedPath())) {
            rc.next();
            return;
        }
        List<String> headers = rc.request().headers().getAll("Authorization");
        if (headers.isEmpty()) {
            refuse(rc, null, "no bearer token", "Send an OAuth 2.0 bearer token: Authorization: Bearer <token>.");
            return;
        }
        String token = headers.size() == 1 ? bearer(headers.get(0)) : null;
        if (token == null) {
            refuse(rc, "invalid_request", "not a bearer token",
                    "Send exactly one Authorization header of the form 'Bearer <token>'.");
            return;
        }
        if (!tokens.mayFetchKeys()) {
            decide(rc, checkHere(token));
            return;
        }
        // An external issuer's keys may have to be fetched: not on the event loop. The body is held back meanwhile,
        // and read by the body handler further on, which resumes the request.
        rc.request().pause();
        rc.vertx().<Caller>executeBlocking(() -> tokens.verify(token), false).onComplete(result -> decide(rc, result));
    }

    private Future<Caller> checkHere(String token) {
        try {
            return Future.succeededFuture(tokens.verify(token));
        } catch (InvalidTokenException e) {
            return Future.failedFuture(e);
        }
    }

    private void decide(RoutingContext rc, AsyncResult<Caller> checked) {
        if (checked.failed()) {
            if (checked.cause() instanceof InvalidTokenException e) {
                refuse(rc, "invalid_token", e.getMessage(), "The bearer token is not accepted: " + e.getMessage() + ".");
            } else {
                rc.fail(checked.cause());
            }
            return;
        }
        Caller caller = checked.result();
        if (required != null && !caller.holds(required)) {
            audit.denied(new AccessAudit.Denial(caller.id(), operation(rc), 403, "role not held", null));
            reply.accept(rc, Problem.of(ProblemType.FORBIDDEN, "This needs the role " + required.claimValue() + "."));
            rc.request().resume();
            return;
        }
        rc.setUser(CallerPrincipal.user(caller));
        rc.next();
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else null. */
    static String bearer(String header) {
        String[] parts = header.strip().split(" +", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer") || parts[1].isBlank()) {
            return null;
        }
        return parts[1].strip();
    }

    /** Method and path, the path only when it is plain (it is the caller's). */
    private static String operation(RoutingContext rc) {
        String path = rc.normalizedPath();
        return rc.request().method().name() + " " + (SAFE_PATH.matcher(path).matches() ? path : "<unreadable path>");
    }

    private void refuse(RoutingContext rc, String error, String reason, String detail) {
        audit.denied(new AccessAudit.Denial(AccessAudit.ANONYMOUS, operation(rc), 401, reason, null));
        // RFC 6750 §3: a request with no credentials gets the challenge without an error code.
        String challenge = "Bearer realm=\"" + realm + "\""
                + (error == null ? "" : ", error=\"" + error + "\"");
        rc.response().putHeader("WWW-Authenticate", challenge);
        reply.accept(rc, Problem.of(ProblemType.UNAUTHENTICATED, detail));
        // a body sent with a refused call is never read: let it drain, so the connection can serve the next call
        rc.request().resume();
    }
}
