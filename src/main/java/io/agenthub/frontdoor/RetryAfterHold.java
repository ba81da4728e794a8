package io.agenthub.frontdoor;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Holds a front-door request from a client that was refused with 429 moments ago until its {@code Retry-After} has
 * passed (and up to as long again, at random), on a Vert.x timer: no thread waits and nothing of the request is read meanwhile; then it goes on as any
 * request, to be admitted or refused by the limits. A client that honours Retry-After is never held. One that does
 * not, a loop that sends again the moment it is refused, would otherwise be refused thousands of times a second,
 * and a refusal, cheap as it is (the body parsed, a problem written), is still work: the flood of refusals took the
 * cores from every other tenant. Held, such a client sends one request per Retry-After per connection.
 *
 * <p>A client is its bearer token when it sends one (a digest of it; each caller of each tenant has its own), else
 * its connection. The hold is keyed before the token is checked: a client that makes up tokens escapes it, and is
 * then refused as it would have been without it; it cannot hold anyone else's requests without their token.
 */
public final class RetryAfterHold implements Handler<RoutingContext>, StartupListener {

    /** The longest hold, whatever a Retry-After says. */
    static final Duration LONGEST = Duration.ofSeconds(60);

    private final Cache<String, Long> heldUntil;
    private final Counter held;

    public RetryAfterHold(int trackedClients, MeterRegistry meters) {
        this.heldUntil = Caffeine.newBuilder().maximumSize(trackedClients).expireAfterWrite(LONGEST)
                .executor(Runnable::run).build();
        this.held = Counter.builder("hub.requests.held")
                .description("Front-door requests held until the Retry-After their client was given had passed")
                .register(meters);
    }

    @Override
    public void handle(RoutingContext rc) {
        String client = client(rc);
        rc.addHeadersEndHandler(ignored -> {
            if (rc.response().getStatusCode() == 429) {
                long nanos = retryAfter(rc.response().headers().get(HubHeaders.RETRY_AFTER)).toNanos();
                // Up to as long again at random: clients refused together (a flood meeting its limit) would otherwise
                // all come back together, and their tenant's refilled tokens go in one burst that crowds everyone.
                heldUntil.put(client, System.nanoTime() + nanos + ThreadLocalRandom.current().nextLong(nanos));
            }
        });
        Long until = heldUntil.getIfPresent(client);
        long waitNanos = until == null ? 0 : until - System.nanoTime();
        if (waitNanos <= 0) {
            rc.next();
            return;
        }
        held.increment();
        // Nothing of the body is read while held: the body handler further on resumes the request.
        rc.request().pause();
        rc.vertx().setTimer(Math.max(1, waitNanos / 1_000_000), timer -> {
            if (!rc.response().closed()) {
                rc.next();
            }
        });
    }

    private static String client(RoutingContext rc) {
        String authorization = rc.request().getHeader("Authorization");
        if (authorization == null) {
            return "connection:" + rc.request().remoteAddress();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(authorization.getBytes(StandardCharsets.UTF_8));
            return "token:" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.trim());
            return Duration.ofSeconds(Math.max(1, Math.min(seconds, LONGEST.toSeconds())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        int port = context.getPropertiesComponent().resolveProperty("camel.server.port").map(Integer::parseInt).orElse(8080);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router != null) {
            // Right after the media-type gate (HttpProblemPages), before the body is read and any route runs.
            router.route(HttpMethod.POST, "/api/v1/requests").order(Integer.MIN_VALUE + 1).handler(this);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // everything happens once the HTTP server is up
    }
}
