package io.agenthub.capability;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What one request asks a cascade, and the encoder vectors already computed for it: a later tier that
 * reads an encoder an earlier tier already ran (an ensemble that includes the first tier's encoder) reuses
 * the vector instead of encoding the text again.
 */
record Question(String text, Map<String, CompletableFuture<float[]>> vectors) {

    static Question of(String text) {
        return new Question(text, new ConcurrentHashMap<>());
    }

    /** The text's vector from encoder {@code encoderId}, encoding it only the first time it is asked for. */
    CompletableFuture<float[]> vector(String encoderId, Function<String, CompletableFuture<float[]>> encode) {
        return vectors.computeIfAbsent(encoderId, id -> encode.apply(text));
    }
}
