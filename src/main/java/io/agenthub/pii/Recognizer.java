package io.agenthub.pii;

import java.util.List;

/** Finds one or more kinds of personal data in a text. */
public interface Recognizer {

    String name();

    /** Adds every candidate span found in {@code text} to {@code found}; overlaps are resolved later. */
    void find(String text, List<PiiSpan> found);
}
