package io.agenthub.slm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * Gives many concurrent callers one batched computation (an encoder pass). A single worker takes the oldest
 * request and every request already waiting (up to {@code maxBatch}) and runs them in one pass; under load,
 * requests that arrive while a batch runs form the next batch, so throughput grows with load.
 *
 * <p>With a window, the worker also waits up to that long for company, but only while more callers are
 * at work than the batch holds ({@code callers}): requests often come in bursts (the escalations of one
 * earlier batch arrive together), and one pass for the whole burst costs far less than one pass each. A
 * lone request is never held back: it is the only caller, so there is no one to wait for.
 */
public class BatchWorker<I, O> implements AutoCloseable {

    private record Pending<I, O>(I input, CompletableFuture<O> result) {
    }

    private final String name;
    private final Function<List<I>, List<O>> pass;
    private final int maxBatch;
    private final long windowMicros;
    private final IntSupplier callers;
    private final LongAdder batches = new LongAdder();
    private final LongAdder texts = new LongAdder();
    private final BlockingQueue<Pending<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * @param pass    one pass over a batch: an output per input, in order
     * @param callers how many callers are at work on requests that may come to this worker: it waits for
     *                company only while this exceeds the batch it holds
     */
    public BatchWorker(String name, Function<List<I>, List<O>> pass, int maxBatch, long windowMicros, IntSupplier callers) {
        this.name = name;
        this.pass = pass;
        this.maxBatch = maxBatch;
        this.windowMicros = windowMicros;
        this.callers = callers;
        this.worker = new Thread(this::work, name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Passes run and inputs handled so far: their ratio is the mean batch size. */
    public record Usage(long batches, long texts) {
        public double meanBatch() {
            return batches == 0 ? 0 : (double) texts / batches;
        }

        /** What was done after {@code earlier} was read. */
        public Usage since(Usage earlier) {
            return new Usage(batches - earlier.batches, texts - earlier.texts);
        }
    }

    public Usage usage() {
        return new Usage(batches.sum(), texts.sum());
    }

    public CompletableFuture<O> submit(I input) {
        CompletableFuture<O> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException(name + " is closed"));
            return result;
        }
        queue.add(new Pending<>(input, result));
        return result;
    }

    /** Runs one input through the shared queue, waiting for its turn. */
    public O submitAndWait(I input) {
        return submit(input).join();
    }

    private void work() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                awaitCompany(batch);
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void awaitCompany(List<Pending<I, O>> batch) throws InterruptedException {
        long deadline = System.nanoTime() + windowMicros * 1000;
        while (windowMicros > 0 && batch.size() < maxBatch && batch.size() < callers.getAsInt()) {
            long left = deadline - System.nanoTime();
            Pending<I, O> more = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
            if (more == null) {
                return;
            }
            batch.add(more);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void run(List<Pending<I, O>> batch) {
        batches.increment();
        texts.add(batch.size());
        try {
            List<O> outputs = pass.apply(batch.stream().map(Pending::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(outputs.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        Pending<I, O> left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new IllegalStateException(name + " closed"));
        }
    }
}
