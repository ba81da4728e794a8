package io.agenthub.limits;

import io.agenthub.tenants.Limits;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

import java.time.Duration;

/**
 * One holder's {@link Limits}: Bucket4j's token bucket for the rate and burst, Resilience4j's bulkhead for the
 * requests in flight. Neither waits: a request over either is refused at once, so a refusal costs the caller
 * nothing but the answer and ties up no thread of the hub.
 */
final class LimitGate {

    private final Limits limits;
    private final Bucket bucket;
    private final Bulkhead inFlight;

    LimitGate(String name, Limits limits, TimeMeter time) {
        this.limits = limits;
        // Greedy refill: tokens come back one by one through the second, not all at once on the second.
        this.bucket = Bucket.builder()
                .addLimit(limit -> limit.capacity(limits.burst()).refillGreedy(limits.requestsPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
        this.inFlight = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(limits.concurrent())
                .maxWaitDuration(Duration.ZERO).build());
    }

    Limits limits() {
        return limits;
    }

    /** Takes a place in flight; false when all {@code concurrent} are taken. Give it back with {@link #leave()}. */
    boolean enter() {
        return inFlight.tryAcquirePermission();
    }

    void leave() {
        inFlight.onComplete();
    }

    /** Takes one token: 0 if taken, else how many nanoseconds until one is there. */
    long take() {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Returns a token taken for a request that another limit then refused, so that refusal costs this holder nothing. */
    void giveBack() {
        bucket.addTokens(1);
    }
}
