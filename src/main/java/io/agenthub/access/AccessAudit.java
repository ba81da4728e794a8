package io.agenthub.access;

import io.agenthub.store.StepOutbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Puts access in the audit trail: every read of personal data, with who read what, written before the answer
 * leaves; and every refused access, with the caller's identity when it had one. Refusals of unauthenticated
 * calls are raised in the HTTP server's event loop, which must not wait on the database, and can come in a
 * flood: they are queued (a bounded queue; what overflows is counted, and the count recorded) and written by
 * the {@code access-audit} route every second.
 */
public final class AccessAudit {

    /** The audit step of a read of personal data. */
    public static final String READ_STEP = "access-read";
    /** Who an unauthenticated caller is in the trail. */
    public static final String ANONYMOUS = "anonymous";
    static final int QUEUE = 10_000;

    /** One refused access: who (caller id or anonymous), what (operation), why, and the id asked for if any. */
    public record Denial(String caller, String operation, int status, String reason, String requestId) {
    }

    /** One read of personal data. */
    public record Read(String caller, String operation, String tenant, String requestId, String subject) {
    }

    private final StepOutbox steps;
    private final BlockingQueue<Denial> denials = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong overflow = new AtomicLong();

    public AccessAudit(StepOutbox steps) {
        this.steps = steps;
    }

    /** A refused access; recorded within a second. Never blocks. */
    public void denied(Denial denial) {
        if (!denials.offer(denial)) {
            overflow.incrementAndGet();
        }
    }

    /** A read of personal data, recorded before it returns. */
    public void read(Read read) {
        steps.event(READ_STEP, read);
    }

    /** Writes the queued refusals (the access-audit route calls this every second); returns how many. */
    public int flush() {
        List<Denial> batch = new ArrayList<>();
        denials.drainTo(batch);
        steps.events("access-denied", batch);
        long lost = overflow.getAndSet(0);
        if (lost > 0) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("refusals", lost);
            summary.put("reason", "more refusals in a second than the queue holds (" + QUEUE + "): counted, not itemised");
            steps.event("access-denied-uncounted", summary);
        }
        return batch.size();
    }
}
