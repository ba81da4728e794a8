package io.agenthub.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The sandboxes' clock. A write runs with the instant it is journaled under pinned on its thread, so the times it
 * stamps (a payment's {@code createdAt}, a chargeback's {@code raisedAt}) are the journal's, and replaying the
 * journal after a restart stamps the very same ones. Reads on other threads see the time as it is.
 */
final class SandboxClock extends Clock {

    private final Clock base;
    private final ThreadLocal<Instant> pinned = new ThreadLocal<>();

    SandboxClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** Runs {@code work} with this thread's time standing at {@code at}. */
    <T> T at(Instant at, Supplier<T> work) {
        Instant outer = pinned.get();
        pinned.set(at);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                pinned.remove();
            } else {
                pinned.set(outer);
            }
        }
    }

    @Override
    public Instant instant() {
        Instant at = pinned.get();
        return at != null ? at : base.instant();
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SandboxClock(base.withZone(zone));
    }
}
