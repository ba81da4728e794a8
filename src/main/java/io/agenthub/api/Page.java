package io.agenthub.api;

import java.util.List;

/**
 * One page of a list: its items, and the cursor of the page after it (null on the last page). The route answers the
 * items as a JSON array, and the cursor as an RFC 8288 {@code Link: <...&after=CURSOR>; rel="next"} header
 * ({@code pageLinks.answer}).
 */
public record Page<T>(List<T> items, String next) {

    public Page {
        items = List.copyOf(items);
    }

    /** A page of {@code items} read with {@code limit}: there may be a next one only when it is full. */
    public static <T> Page<T> of(List<T> items, int limit, java.util.function.Function<T, String> cursor) {
        return new Page<>(items, items.size() < limit || items.isEmpty() ? null : cursor.apply(items.get(items.size() - 1)));
    }
}
