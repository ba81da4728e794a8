package io.agenthub.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.agenthub.tenants.Limits;
import io.agenthub.tenants.Tenant;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate limits and bulkheads per tenant and per caller ({@code limits} and {@code caller-limits} in
 * {@code compliance/tenants.yaml}). A request takes a place in flight and a token from its caller's limits and
 * its tenant's; if any is short it takes nothing and is refused, with the seconds after which it may succeed.
 *
 * <p>A tenant's limits are made once, at start, for the tenants declared. A caller's are made on its first
 * request and kept in a cache bounded in size and forgotten after a while unused, so callers without end (a
 * caller id is whatever a token's subject says) cannot grow the hub's memory. A caller forgotten and seen again
 * starts with a full bucket: that frees it from its own limits at most, never from its tenant's.
 */
public final class RequestLimiter {

    /** Whose limit refused a request. */
    public enum Scope { TENANT, CALLER }

    /** Which limit: the token bucket, or the places in flight. */
    public enum Kind { RATE, CONCURRENCY }

    /** What {@link #tryAdmit} decided. */
    public sealed interface Decision permits Admitted, Refused {
    }

    /** Admitted: {@code release} gives back its places in flight once the request is done. */
    public record Admitted(Runnable release) implements Decision {
    }

    /** Refused: nothing was taken; the same request may succeed after {@code retryAfterSeconds}. */
    public record Refused(String tenant, Scope scope, Kind kind, Limits limits, long retryAfterSeconds) implements Decision {

        /** The 429 the caller receives; it names the tenant (declared by the hub) but never the caller. */
        public Problem problem() {
            String who = scope == Scope.TENANT ? "Tenant '" + tenant + "'" : "This caller, for tenant '" + tenant + "',";
            String over = kind == Kind.RATE
                    ? " is over its limit of " + limits.requestsPerSecond() + " requests per second (bursts of " + limits.burst() + ")"
                    : " already has " + limits.concurrent() + " requests in progress, its limit";
            return Problem.of(ProblemType.TOO_MANY_REQUESTS, who + over + "; nothing was done for this request."
                    + " Send it again after Retry-After seconds, with the same idempotency key.").withRetryAfter(retryAfterSeconds);
        }
    }

    private static final Admitted UNLIMITED = new Admitted(() -> { });

    /** A tenant's own gate (null: no limits) and the limits each of its callers gets (null: none of their own). */
    private record TenantGates(LimitGate tenant, Limits callerLimits) {
    }

    private final Map<String, TenantGates> tenants = new HashMap<>();
    private final Cache<String, LimitGate> callers;
    private final TimeMeter time;
    private final Map<String, Counter> refusals = new HashMap<>();

    /**
     * @param trackedCallers most callers whose limits are kept at once; the least used are forgotten first
     * @param callerIdle     a caller unseen this long is forgotten
     * @param nanoTime       the clock both the buckets and the cache read ({@code System::nanoTime})
     */
    public RequestLimiter(List<Tenant> declared, int trackedCallers, Duration callerIdle, LongSupplier nanoTime,
                          MeterRegistry meters) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
        this.callers = Caffeine.newBuilder().maximumSize(trackedCallers).expireAfterAccess(callerIdle)
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run)  // upkeep on the calling thread, not the common pool
                .build();
        for (Tenant tenant : declared) {
            LimitGate own = tenant.limits() == null ? null : new LimitGate("tenant " + tenant.id(), tenant.limits(), time);
            // Callers with their tenant's very limits could never be refused before their tenant is: keep no gate for them.
            Limits callerLimits = tenant.callerLimits() == null || tenant.callerLimits().equals(tenant.limits())
                    ? null : tenant.callerLimits();
            if (own != null || callerLimits != null) {
                tenants.put(tenant.id(), new TenantGates(own, callerLimits));
                for (Scope scope : Scope.values()) {
                    for (Kind kind : Kind.values()) {
                        refusals.put(counterKey(tenant.id(), scope, kind), Counter.builder("hub.requests.refused")
                                .description("Requests refused with 429 for being over a limit of compliance/tenants.yaml")
                                .tag("tenant", tenant.id()).tag("scope", lower(scope)).tag("limit", lower(kind))
                                .register(meters));
                    }
                }
            }
        }
        Gauge.builder("hub.limits.callers", this, RequestLimiter::trackedCallers)
                .description("Callers whose own limits the hub keeps now (bounded by hub.limits.tracked-callers)")
                .register(meters);
    }

    /**
     * Admits one request of {@code tenant} from the caller {@code callerKey}, or refuses it having taken nothing.
     * Places in flight are taken before tokens: a place is given back for free, a token only by adding one back.
     */
    public Decision tryAdmit(String tenant, String callerKey) {
        TenantGates gates = tenants.get(tenant);
        if (gates == null) {
            return UNLIMITED;
        }
        LimitGate own = gates.tenant();
        LimitGate caller = gates.callerLimits() == null ? null
                : callers.get(tenant + '\n' + callerKey, key -> new LimitGate("caller", gates.callerLimits(), time));
        if (caller != null && !caller.enter()) {
            return refused(tenant, Scope.CALLER, Kind.CONCURRENCY, caller, 0);
        }
        if (own != null && !own.enter()) {
            leave(caller, null);
            return refused(tenant, Scope.TENANT, Kind.CONCURRENCY, own, 0);
        }
        long wait = caller == null ? 0 : caller.take();
        if (wait > 0) {
            leave(caller, own);
            return refused(tenant, Scope.CALLER, Kind.RATE, caller, wait);
        }
        wait = own == null ? 0 : own.take();
        if (wait > 0) {
            if (caller != null) {
                caller.giveBack();
            }
            leave(caller, own);
            return refused(tenant, Scope.TENANT, Kind.RATE, own, wait);
        }
        return new Admitted(() -> leave(caller, own));
    }

    /** How many callers' limits are kept now, those forgotten (idle, or the least used over the bound) not counted. */
    public long trackedCallers() {
        callers.cleanUp();
        return callers.estimatedSize();
    }

    /** Counts a refusal in {@code hub_requests_refused_total{tenant, scope, limit}}. */
    public void count(Refused refused) {
        Counter counter = refusals.get(counterKey(refused.tenant(), refused.scope(), refused.kind()));
        if (counter != null) {
            counter.increment();
        }
    }

    private static Refused refused(String tenant, Scope scope, Kind kind, LimitGate gate, long waitNanos) {
        // A place in flight frees when some request ends, which the hub cannot foresee: a second is a fair guess.
        long seconds = waitNanos <= 0 ? 1 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return new Refused(tenant, scope, kind, gate.limits(), seconds);
    }

    private static void leave(LimitGate caller, LimitGate own) {
        if (caller != null) {
            caller.leave();
        }
        if (own != null) {
            own.leave();
        }
    }

    private static String counterKey(String tenant, Scope scope, Kind kind) {
        return tenant + '/' + scope + '/' + kind;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
