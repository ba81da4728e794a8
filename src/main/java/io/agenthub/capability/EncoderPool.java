package io.agenthub.capability;

import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.MicroBatcher;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One micro-batcher per encoder, shared by every tier and capability that uses the encoder, so
 * concurrent requests are batched together whichever route they came from.
 */
public final class EncoderPool implements AutoCloseable {

    private final EncoderCatalog catalog;
    private final int maxBatch;
    private final long windowMicros;
    private final Map<String, MicroBatcher> batchers = new ConcurrentHashMap<>();

    public EncoderPool(EncoderCatalog catalog, int maxBatch, long windowMicros) {
        this.catalog = catalog;
        this.maxBatch = maxBatch;
        this.windowMicros = windowMicros;
    }

    public EncoderCatalog catalog() {
        return catalog;
    }

    public MicroBatcher batcher(String encoderId) {
        return batchers.computeIfAbsent(encoderId, id -> new MicroBatcher(catalog.get(id), maxBatch, windowMicros));
    }

    @Override
    public void close() {
        batchers.values().forEach(MicroBatcher::close);
        batchers.clear();
        catalog.close();
    }
}
