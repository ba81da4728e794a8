package io.agenthub.capability;

import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.MicroBatcher;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One micro-batcher per encoder, shared by every tier and capability that uses the encoder, so
 * concurrent requests are batched together whichever route they came from. The pool also counts the
 * tier attempts at work, which tells a batcher whether waiting for company can pay off.
 */
public final class EncoderPool implements AutoCloseable {

    private final EncoderCatalog catalog;
    private final int maxBatch;
    private final long windowMicros;
    private final Map<String, MicroBatcher> batchers = new ConcurrentHashMap<>();
    private final AtomicInteger attemptsAtWork = new AtomicInteger();

    /** Marks one tier attempt at work until closed. */
    public interface Attempt extends AutoCloseable {
        @Override
        void close();
    }

    public EncoderPool(EncoderCatalog catalog, int maxBatch, long windowMicros) {
        this.catalog = catalog;
        this.maxBatch = maxBatch;
        this.windowMicros = windowMicros;
    }

    public EncoderCatalog catalog() {
        return catalog;
    }

    public MicroBatcher batcher(String encoderId) {
        return batchers.computeIfAbsent(encoderId, id -> new MicroBatcher(catalog.get(id), maxBatch, windowMicros,
                attemptsAtWork::get));
    }

    /** The batchers started so far, one per encoder in use. */
    public Collection<MicroBatcher> batchers() {
        return List.copyOf(batchers.values());
    }

    public Attempt attempt() {
        attemptsAtWork.incrementAndGet();
        return attemptsAtWork::decrementAndGet;
    }

    @Override
    public void close() {
        batchers.values().forEach(MicroBatcher::close);
        batchers.clear();
        catalog.close();
    }
}
