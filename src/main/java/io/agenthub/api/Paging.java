package io.agenthub.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * How the hub's lists are paged: {@code ?limit=} (default 50, at most a list's maximum) and {@code ?after=}, an opaque
 * cursor naming the last item of the page before. A full page is answered with an RFC 8288 {@code Link} header whose
 * {@code rel="next"} is the next page's address; the last page has none ({@link Page}, frontdoor/PageLinks).
 */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;

    private Paging() {
    }

    /** {@code ?limit=}, checked: a whole number from 1 to {@code max}; 400 otherwise. */
    public static int limit(String limit, int max) {
        int value;
        try {
            value = limit == null || limit.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit must be a whole number");
        }
        if (value < 1 || value > max) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "limit must be between 1 and " + max);
        }
        return value;
    }

    /**
     * A position in a list sorted by a time, then an id: opaque to callers (URL-safe base64). The time keeps every digit
     * the database keeps (microseconds): cut to milliseconds, the last item of a page sorted after its own cursor and
     * was listed again on every next page.
     */
    public record Cursor(Instant at, String id) {

        @Override
        public String toString() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at.getEpochSecond() + "." + at.getNano() + "|" + id)
                    .getBytes(StandardCharsets.UTF_8));
        }

        public static Cursor parse(String text) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
                int bar = decoded.indexOf('|');
                String id = decoded.substring(bar + 1);
                if (bar < 1 || !id.matches("[A-Za-z0-9-]{1,64}")) {
                    throw new IllegalArgumentException();
                }
                String[] time = decoded.substring(0, bar).split("\\.", -1);
                if (time.length != 2) {
                    throw new IllegalArgumentException();
                }
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(time[0]), Integer.parseInt(time[1])), id);
            } catch (RuntimeException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "after must be the cursor of a Link rel=\"next\""
                        + " header, as the hub gave it");
            }
        }
    }
}
