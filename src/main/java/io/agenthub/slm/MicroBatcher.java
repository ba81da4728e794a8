package io.agenthub.slm;

import java.util.Arrays;
import java.util.function.IntSupplier;

/**
 * Gives many concurrent callers one encoder's sentence vectors, batched ({@link BatchWorker}): the texts
 * that arrive together are encoded in one pass.
 */
public final class MicroBatcher extends BatchWorker<String, float[]> {

    private final Encoder encoder;

    /** A batcher that never waits: each batch is what was queued when the worker got to it. */
    public MicroBatcher(Encoder encoder, int maxBatch) {
        this(encoder, maxBatch, 0, () -> 1);
    }

    public MicroBatcher(Encoder encoder, int maxBatch, long windowMicros, IntSupplier callers) {
        super("encoder-" + encoder.id(), texts -> Arrays.asList(encoder.embed(texts)), maxBatch, windowMicros, callers);
        this.encoder = encoder;
    }

    public Encoder encoder() {
        return encoder;
    }

    /** Encodes one text through the shared queue, waiting for its turn. */
    public float[] embed(String text) {
        return submitAndWait(text);
    }
}
