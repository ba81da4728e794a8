package io.agenthub.broker;

import io.agenthub.access.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens verified in the last few seconds and the callers they named, so that the broker, which asks for the login at
 * every send, verifies a sender's token once per {@code recheck} rather than once per message. Kept by the token's
 * SHA-256 (the token itself is a secret), bounded, and never longer than {@code recheck}: a token that expired since is
 * refused at its next check.
 */
final class RecentTokens {

    private static final int MAX_ENTRIES = 10_000;

    private record Verified(Caller caller, Instant until) {
    }

    private final Duration recheck;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    RecentTokens(Duration recheck, Clock clock) {
        this.recheck = recheck;
        this.clock = clock;
    }

    /** The caller a token named when it was verified less than {@code recheck} ago; null otherwise. */
    Caller get(String token) {
        Verified entry = verified.get(digest(token));
        return entry != null && clock.instant().isBefore(entry.until()) ? entry.caller() : null;
    }

    void put(String token, Caller caller) {
        if (recheck.isZero()) {
            return;
        }
        Instant now = clock.instant();
        if (verified.size() >= MAX_ENTRIES) {
            verified.values().removeIf(entry -> !now.isBefore(entry.until()));
            if (verified.size() >= MAX_ENTRIES) {
                verified.clear();
            }
        }
        verified.put(digest(token), new Verified(caller, now.plus(recheck)));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
