package io.agenthub.limits;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemType;
import io.agenthub.limits.RequestLimiter.Admitted;
import io.agenthub.limits.RequestLimiter.Decision;
import io.agenthub.limits.RequestLimiter.Kind;
import io.agenthub.limits.RequestLimiter.Refused;
import io.agenthub.limits.RequestLimiter.Scope;
import io.agenthub.tenants.Limits;
import io.agenthub.tenants.Tenant;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The limiter on a clock the test moves: no wall time is read. */
class RequestLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private RequestLimiter limiter(Tenant... tenants) {
        return limiter(100, tenants);
    }

    private RequestLimiter limiter(int trackedCallers, Tenant... tenants) {
        return new RequestLimiter(List.of(tenants), trackedCallers, Duration.ofMinutes(10), nanos::get, meters);
    }

    private static Tenant tenant(String id, Limits limits, Limits callerLimits) {
        return new Tenant(id, id, List.of(), limits, callerLimits);
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static Refused refused(Decision decision) {
        assertThat(decision).isInstanceOf(Refused.class);
        return (Refused) decision;
    }

    private static Admitted admitted(Decision decision) {
        assertThat(decision).as("admitted").isInstanceOf(Admitted.class);
        return (Admitted) decision;
    }

    @Test
    void aBurstIsAdmittedThenRefusedUntilTheBucketRefills() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(2, 3, 100), null));
        for (int i = 0; i < 3; i++) {
            admitted(limiter.tryAdmit("bank", "app")).release().run();
        }

        Refused over = refused(limiter.tryAdmit("bank", "app"));
        assertThat(over.scope()).isEqualTo(Scope.TENANT);
        assertThat(over.kind()).isEqualTo(Kind.RATE);
        assertThat(over.retryAfterSeconds()).isEqualTo(1);

        advanceMillis(499);
        refused(limiter.tryAdmit("bank", "app"));
        advanceMillis(1);  // two a second: one token every 500 ms
        admitted(limiter.tryAdmit("bank", "app"));
        refused(limiter.tryAdmit("bank", "app"));
    }

    @Test
    void requestsInFlightAreBoundedAndAPlaceFreesWhenARequestIsDone() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(100, 100, 2), null));
        Admitted first = admitted(limiter.tryAdmit("bank", "app"));
        admitted(limiter.tryAdmit("bank", "app"));

        Refused third = refused(limiter.tryAdmit("bank", "app"));
        assertThat(third.kind()).isEqualTo(Kind.CONCURRENCY);
        assertThat(third.retryAfterSeconds()).isEqualTo(1);

        first.release().run();
        admitted(limiter.tryAdmit("bank", "app"));
    }

    @Test
    void oneCallerOverItsOwnLimitLeavesTheTenantsShareToTheOthers() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(1, 3, 10), new Limits(1, 1, 10)));
        admitted(limiter.tryAdmit("bank", "flooding"));
        for (int i = 0; i < 5; i++) {
            Refused own = refused(limiter.tryAdmit("bank", "flooding"));
            assertThat(own.scope()).isEqualTo(Scope.CALLER);
        }

        // the flooding caller's refusals took none of the tenant's three tokens
        admitted(limiter.tryAdmit("bank", "quiet-1"));
        admitted(limiter.tryAdmit("bank", "quiet-2"));
        Refused tenantFull = refused(limiter.tryAdmit("bank", "quiet-3"));
        assertThat(tenantFull.scope()).isEqualTo(Scope.TENANT);
    }

    @Test
    void aCallerRefusedByItsTenantKeepsItsOwnToken() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(10, 1, 10), new Limits(1, 1, 10)));
        admitted(limiter.tryAdmit("bank", "a"));
        assertThat(refused(limiter.tryAdmit("bank", "b")).scope()).isEqualTo(Scope.TENANT);

        advanceMillis(100);  // the tenant has a token again; caller b, at one a second, would not have had one
        admitted(limiter.tryAdmit("bank", "b"));
    }

    @Test
    void aRefusedRequestHoldsNoPlaceInFlight() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(1, 1, 1), null));
        admitted(limiter.tryAdmit("bank", "app")).release().run();
        for (int i = 0; i < 3; i++) {
            assertThat(refused(limiter.tryAdmit("bank", "app")).kind()).isEqualTo(Kind.RATE);
        }

        advanceMillis(1000);
        admitted(limiter.tryAdmit("bank", "app"));
        assertThat(refused(limiter.tryAdmit("bank", "app")).kind()).isEqualTo(Kind.CONCURRENCY);
    }

    @Test
    void aCallerRefusedForPlacesInFlightTakesNoneOfTheTenants() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(100, 100, 2), new Limits(100, 100, 1)));
        admitted(limiter.tryAdmit("bank", "a"));
        assertThat(refused(limiter.tryAdmit("bank", "a")).scope()).isEqualTo(Scope.CALLER);

        admitted(limiter.tryAdmit("bank", "b"));
        assertThat(refused(limiter.tryAdmit("bank", "c")).scope()).isEqualTo(Scope.TENANT);
    }

    @Test
    void oneTenantAtItsLimitLeavesAnotherTenantUntouched() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(1, 1, 1), null), tenant("insurer", new Limits(1, 2, 2), null));
        admitted(limiter.tryAdmit("bank", "app"));
        refused(limiter.tryAdmit("bank", "app"));

        admitted(limiter.tryAdmit("insurer", "app"));
        admitted(limiter.tryAdmit("insurer", "app"));
    }

    @Test
    void aTenantWithoutLimitsIsNeverRefused() {
        RequestLimiter limiter = limiter(tenant("open", null, null));
        for (int i = 0; i < 1000; i++) {
            admitted(limiter.tryAdmit("open", "app"));
        }
    }

    @Test
    void endlessCallerIdsKeepABoundedNumberOfLimitsThatAreForgottenWhenIdle() {
        RequestLimiter limiter = limiter(50, tenant("bank", new Limits(100_000, 100_000, 100_000), new Limits(1, 1, 1)));
        for (int i = 0; i < 10_000; i++) {
            admitted(limiter.tryAdmit("bank", "caller-" + i)).release().run();
        }
        assertThat(limiter.trackedCallers()).isLessThanOrEqualTo(50);
        assertThat(meters.get("hub.limits.callers").gauge().value()).isLessThanOrEqualTo(50);

        advanceMillis(Duration.ofMinutes(11).toMillis());
        assertThat(limiter.trackedCallers()).isZero();
    }

    @Test
    void refusalsAreCountedPerTenantScopeAndLimit() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(1, 1, 5), new Limits(1, 1, 1)));
        admitted(limiter.tryAdmit("bank", "a"));
        limiter.count(refused(limiter.tryAdmit("bank", "a")));
        limiter.count(refused(limiter.tryAdmit("bank", "a")));

        assertThat(meters.get("hub.requests.refused").tags("tenant", "bank", "scope", "caller", "limit", "concurrency")
                .counter().count()).isEqualTo(2);
        assertThat(meters.get("hub.requests.refused").tags("tenant", "bank", "scope", "tenant", "limit", "rate")
                .counter().count()).isZero();
    }

    @Test
    void theRefusalIsA429ProblemWithRetryAfterThatNamesTheTenantButNotTheCaller() {
        RequestLimiter limiter = limiter(tenant("bank", new Limits(5, 10, 20), new Limits(1, 1, 3)));
        admitted(limiter.tryAdmit("bank", "caller:alice@issuer"));
        Problem problem = refused(limiter.tryAdmit("bank", "caller:alice@issuer")).problem();

        assertThat(problem.status()).isEqualTo(429);
        assertThat(problem.type()).isEqualTo("urn:agent-hub:problem:too-many-requests").isEqualTo(ProblemType.TOO_MANY_REQUESTS.uri());
        assertThat(problem.retryAfter()).isEqualTo(1);
        assertThat(problem.detail()).contains("'bank'", "1 requests per second").doesNotContain("alice");
    }
}
