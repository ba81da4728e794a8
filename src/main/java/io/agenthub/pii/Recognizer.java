package io.agenthub.pii;

import java.util.List;
import java.util.function.BiConsumer;

/** Finds one or more kinds of personal data in a text. */
public interface Recognizer {

    /** Finds nothing: stands in where a detector is built only to check its settings. */
    Recognizer NONE = named("none", (text, found) -> { });

    /** A recogniser from its name and what it does. */
    static Recognizer named(String name, BiConsumer<String, List<PiiSpan>> find) {
        return new Recognizer() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void find(String text, List<PiiSpan> found) {
                find.accept(text, found);
            }
        };
    }

    String name();

    /** Adds every candidate span found in {@code text} to {@code found}; overlaps are resolved later. */
    void find(String text, List<PiiSpan> found);
}
