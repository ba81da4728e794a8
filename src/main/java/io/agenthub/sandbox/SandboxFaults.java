package io.agenthub.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Fault injection for tests and demos of the hub's retries and circuit breakers. Path prefixes match
 * whole segments ({@code /core-banking/cards} covers {@code /core-banking/cards/CRD-1/block} but not
 * {@code /core-banking/cardsX}) and include the sandbox mount, e.g. {@code /core-banking}.
 * Thread-safe: tests arm faults while the server's event loop consumes them.
 */
public final class SandboxFaults {

    /** A fault that hits the next {@code remaining} matching requests; {@code status} is unused for dropped replies. */
    private static final class CountedRule {
        final String prefix;
        final int status;
        int remaining;

        CountedRule(String prefix, int status, int remaining) {
            this.prefix = prefix;
            this.status = status;
            this.remaining = remaining;
        }
    }

    private static final int MAX_COUNTED_PATHS = 10_000;

    private final List<CountedRule> failures = new ArrayList<>();
    private final List<CountedRule> droppedReplies = new ArrayList<>();
    private final Map<String, Duration> delays = new LinkedHashMap<>();
    /** Per exact path; bounded so clients probing random ids cannot grow it forever. */
    private final Map<String, Long> requestCounts = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_COUNTED_PATHS;
        }
    };

    SandboxFaults() {
    }

    /**
     * Makes the next {@code count} requests under {@code pathPrefix} fail with {@code status} (400-599)
     * and a problem body. Rules for the same prefix queue up behind each other.
     */
    public synchronized void failNext(String pathPrefix, int count, int status) {
        String prefix = normalize(pathPrefix);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP error status (400-599): " + status);
        }
        if (count > 0) {
            failures.add(new CountedRule(prefix, status, count));
        }
    }

    /**
     * Makes the next {@code count} writes (POST, PUT, PATCH, DELETE) under {@code pathPrefix} run as
     * usual, so a valid write is applied and remembered under its Idempotency-Key, and then closes the
     * connection without an answer: the reply is lost on the way back, the case a client can only
     * resolve by retrying with the same key. Reads pass untouched, so a rule on a whole back-end waits
     * for its writes. An armed {@link #failNext} failure for the same request wins, as it stops the
     * write before it runs.
     */
    public synchronized void dropReplyAfterApply(String pathPrefix, int count) {
        String prefix = normalize(pathPrefix);
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (count > 0) {
            droppedReplies.add(new CountedRule(prefix, 0, count));
        }
    }

    /**
     * Delays every request under {@code pathPrefix} by {@code delay} until cleared; a zero delay removes
     * it. Where prefixes nest, the longest matching prefix wins.
     */
    public synchronized void delay(String pathPrefix, Duration delay) {
        String prefix = normalize(pathPrefix);
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        if (delay.isZero()) {
            delays.remove(prefix);
        } else {
            delays.put(prefix, delay);
        }
    }

    /** Removes all failures, dropped replies and delays and resets the request counts. */
    public synchronized void clear() {
        failures.clear();
        droppedReplies.clear();
        delays.clear();
        requestCounts.clear();
    }

    /** How many requests arrived under {@code pathPrefix} since start or {@link #clear()}, failed ones included. */
    public synchronized long requestCount(String pathPrefix) {
        String prefix = normalize(pathPrefix);
        return requestCounts.entrySet().stream()
                .filter(e -> matches(prefix, e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** How many injected failures are still armed under exactly this prefix. */
    public synchronized int pendingFailures(String pathPrefix) {
        String prefix = normalize(pathPrefix);
        return failures.stream().filter(r -> r.prefix.equals(prefix)).mapToInt(r -> r.remaining).sum();
    }

    /** How many dropped replies are still armed under exactly this prefix. */
    public synchronized int pendingDroppedReplies(String pathPrefix) {
        String prefix = normalize(pathPrefix);
        return droppedReplies.stream().filter(r -> r.prefix.equals(prefix)).mapToInt(r -> r.remaining).sum();
    }

    synchronized void recordRequest(String path) {
        requestCounts.merge(path, 1L, Long::sum);
    }

    synchronized Duration delayFor(String path) {
        String best = null;
        for (String prefix : delays.keySet()) {
            if (matches(prefix, path) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? Duration.ZERO : delays.get(best);
    }

    /** Consumes one armed failure for the path, oldest rule first. */
    synchronized OptionalInt takeFailure(String path) {
        CountedRule rule = take(failures, path);
        return rule == null ? OptionalInt.empty() : OptionalInt.of(rule.status);
    }

    /** Consumes one armed dropped reply for a write to the path, oldest rule first. */
    synchronized boolean takeDroppedReply(String path) {
        return take(droppedReplies, path) != null;
    }

    private static CountedRule take(List<CountedRule> rules, String path) {
        Iterator<CountedRule> it = rules.iterator();
        while (it.hasNext()) {
            CountedRule rule = it.next();
            if (matches(rule.prefix, path)) {
                rule.remaining--;
                if (rule.remaining == 0) {
                    it.remove();
                }
                return rule;
            }
        }
        return null;
    }

    static boolean matches(String prefix, String path) {
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static String normalize(String pathPrefix) {
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        String prefix = pathPrefix.strip();
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("pathPrefix must start with '/': " + pathPrefix);
        }
        while (prefix.length() > 1 && prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix;
    }
}
