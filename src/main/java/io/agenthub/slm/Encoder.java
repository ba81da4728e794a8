package io.agenthub.slm;

import java.util.List;

/**
 * A frozen sentence encoder running in process: texts in, fixed-size vectors out. Implementations
 * load their model once and are safe to share between routes and threads.
 */
public interface Encoder extends AutoCloseable {

    /** Stable name, e.g. {@code all-minilm-l6-v2}; recorded in model cards and audit records. */
    String id();

    /** SHA-256 of the model file, so a model card can prove which weights produced its features. */
    String digest();

    int dimension();

    /** One vector per text, in order. Callers batch; implementations must accept any batch size. */
    float[][] embed(List<String> texts);

    @Override
    default void close() {
    }
}
