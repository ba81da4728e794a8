package io.agenthub.capability;

import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.BatchWorker;
import io.agenthub.slm.MicroBatcher;
import io.agenthub.slm.OnnxEncoder;

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
    private final Map<String, BatchWorker<String, OnnxEncoder.TokenStates>> tokenBatchers = new ConcurrentHashMap<>();
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

    /** Token states (a vector per word piece) of an in-process encoder, batched like its sentence vectors. */
    public BatchWorker<String, OnnxEncoder.TokenStates> tokenBatcher(String encoderId) {
        return tokenBatchers.computeIfAbsent(encoderId, id -> {
            if (!(catalog.get(id) instanceof OnnxEncoder onnx)) {
                throw new IllegalArgumentException("encoder " + id + " gives no token states");
            }
            return new BatchWorker<>("tokens-" + id, onnx::tokenStates, maxBatch, windowMicros, attemptsAtWork::get);
        });
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
        tokenBatchers.values().forEach(BatchWorker::close);
        tokenBatchers.clear();
        catalog.close();
    }
}
