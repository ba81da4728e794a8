package io.agenthub.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a flow says to a customer, before it is worded: the template's key and the values of its placeholders.
 * A value is text or a number, another {@code ReplyText} (worded by the same templates), or a {@link Joined} list.
 * Once worded, {@code version} says which template files gave the words, so a stored answer tells which text
 * the customer saw.
 */
public record ReplyText(ReplyKey key, Map<String, Object> values, String version) {

    public ReplyText {
        // A value may be null (a back-end left a field out): it is written "null", as string concatenation wrote it.
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (!values.keySet().equals(Set.copyOf(key.placeholders()))) {
            // A flow and its key disagree: a mistake in the code, found by its tests, never by a customer.
            throw new IllegalArgumentException(key.key() + " takes " + key.placeholders() + ", given " + values.keySet());
        }
    }

    /** {@code of(CARD_BLOCKED, "brand", "VISA", "last4", "4821")}: names and values in turn. */
    public static ReplyText of(ReplyKey key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(key.key() + ": names and values come in pairs");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new ReplyText(key, values, null);
    }

    public ReplyText worded(String version) {
        return new ReplyText(key, values, version);
    }

    /** Items (text, numbers or texts) written one after another, with the words of {@code separator} between them. */
    public record Joined(ReplyKey separator, List<Object> items) {

        public Joined {
            items = Collections.unmodifiableList(new java.util.ArrayList<>(items));
        }
    }
}
