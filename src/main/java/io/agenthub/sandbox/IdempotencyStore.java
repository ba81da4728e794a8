package io.agenthub.sandbox;

import io.vertx.ext.web.RoutingContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Remembers the answer to each successful write by its Idempotency-Key, so a client retrying after a
 * timeout gets the first answer instead of a second card block or a second debit. Failed attempts
 * (4xx problems) are not remembered, so a client can correct a request and reuse its key.
 */
final class IdempotencyStore {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_KEY_LENGTH = 255;

    /** Bounded so a long-running demo cannot grow without limit; the oldest keys expire first. */
    private static final int MAX_ENTRIES = 10_000;

    /** A write's answer; {@code location} is the created resource's path, or null. */
    record Reply(int status, String json, String location) {
    }

    record Outcome(Reply reply, boolean replayed) {
    }

    private record Entry(Object fingerprint, Reply reply) {
    }

    private final SandboxActions actions;
    private final Map<String, Entry> entries = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    IdempotencyStore(SandboxActions actions) {
        this.actions = Objects.requireNonNull(actions, "actions");
    }

    /** Reads the key or answers 428, as the write must not run without one. */
    static String requireKey(RoutingContext ctx) {
        String key = ctx.request().getHeader(HEADER);
        if (key == null || key.isBlank()) {
            throw new ProblemException(Problem.of(428, "idempotency-key-missing", "Idempotency-Key required",
                    "Writes need an Idempotency-Key header so that retries cannot apply them twice."));
        }
        if (key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ProblemException.badRequest("idempotency-key-invalid", "Invalid Idempotency-Key",
                    "The Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters.");
        }
        return key;
    }

    /**
     * Runs {@code write} at most once per operation and key; keys are scoped per operation, so a
     * client using one key for a card block and a payment gets two writes, not a conflict. The
     * whole check-and-run holds the lock, so concurrent retries with one key wait for the first
     * instead of racing it. A write that succeeds is recorded in {@link SandboxActions} against
     * {@code targetId}, the resource it acted on.
     */
    synchronized Outcome execute(String operation, String key, String targetId, Object fingerprint, Supplier<Reply> write) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        String scopedKey = operation + ' ' + key;
        Entry previous = entries.get(scopedKey);
        if (previous != null) {
            if (!previous.fingerprint().equals(fingerprint)) {
                throw ProblemException.conflict("idempotency-key-reused", "Idempotency-Key reused",
                        "The Idempotency-Key " + key + " was already used for a different request.");
            }
            return new Outcome(previous.reply(), true);
        }
        Reply reply = write.get();
        if (reply.status() >= 200 && reply.status() < 300) {
            entries.put(scopedKey, new Entry(fingerprint, reply));
            actions.record(operation, targetId, key);
        }
        return new Outcome(reply, false);
    }
}
