package io.agenthub.pii;

import io.agenthub.api.PiiType;
/**
 * Personal data found in a text: {@code [start, end)} in UTF-16 code units (Java string indices), the
 * recogniser's confidence, and which recogniser found it.
 */
public record PiiSpan(PiiType type, int start, int end, double score, String recognizer) {

    public PiiSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a span needs 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    /** The same span {@code offset} characters further on: a span found in a passage, placed in its text. */
    public PiiSpan shifted(int offset) {
        return new PiiSpan(type, start + offset, end + offset, score, recognizer);
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(PiiSpan other) {
        return start < other.end && other.start < end;
    }
}
