package io.agenthub.slm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Gives many concurrent callers one encoder. A single worker takes the oldest request and every request
 * already waiting (up to {@code maxBatch}) and encodes them in one pass. A lone request is encoded at
 * once, never held back for company; under load, requests that arrive while a batch runs form the next
 * batch, so throughput grows with load. An optional window lets the worker wait briefly for more.
 */
public final class MicroBatcher implements AutoCloseable {

    private record Pending(String text, CompletableFuture<float[]> result) {
    }

    private final Encoder encoder;
    private final int maxBatch;
    private final long windowMicros;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    public MicroBatcher(Encoder encoder, int maxBatch, long windowMicros) {
        this.encoder = encoder;
        this.maxBatch = maxBatch;
        this.windowMicros = windowMicros;
        this.worker = new Thread(this::work, "encoder-" + encoder.id());
        this.worker.setDaemon(true);
        this.worker.start();
    }

    public Encoder encoder() {
        return encoder;
    }

    public CompletableFuture<float[]> submit(String text) {
        CompletableFuture<float[]> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("encoder " + encoder.id() + " is closed"));
            return result;
        }
        queue.add(new Pending(text, result));
        return result;
    }

    /** Encodes one text through the shared queue, waiting for its turn. */
    public float[] embed(String text) {
        return submit(text).join();
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                if (windowMicros > 0 && batch.size() < maxBatch) {
                    Pending more = queue.poll(windowMicros, TimeUnit.MICROSECONDS);
                    if (more != null) {
                        batch.add(more);
                        queue.drainTo(batch, maxBatch - batch.size());
                    }
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void run(List<Pending> batch) {
        try {
            float[][] vectors = encoder.embed(batch.stream().map(Pending::text).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(vectors[i]);
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException("encoder " + encoder.id() + " closed"));
        }
    }
}
