package io.agenthub.pii;

import java.util.List;

/** Finds one or more kinds of personal data in a text. */
public interface Recognizer {

    /** Finds nothing: stands in where a detector is built only to check its settings. */
    Recognizer NONE = new Recognizer() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public void find(String text, List<PiiSpan> found) {
            // nothing to find
        }
    };

    String name();

    /** Adds every candidate span found in {@code text} to {@code found}; overlaps are resolved later. */
    void find(String text, List<PiiSpan> found);
}
