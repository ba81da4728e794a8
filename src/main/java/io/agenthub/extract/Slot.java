package io.agenthub.extract;

/**
 * One slot found in a text: its name (NLU++'s slot set: {@code amount_of_money}, {@code date}, ...), the
 * characters {@code [start, end)} it was read from (UTF-16 units), those characters, and its canonical
 * value (a record such as {@link Money}), resolved so a back-end need not read text.
 */
public record Slot(String name, int start, int end, String text, Object value) {

    public Slot {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a slot needs 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    public boolean overlaps(Slot other) {
        return start < other.end && other.start < end;
    }
}
