package io.agenthub.slm;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs the passes of one encoder call side by side, each single-threaded on a core of its own.
 *
 * <p>ONNX Runtime could instead split every operator of one pass over the cores (intra-op threads), but
 * those threads meet after each operator: on two cores shared with the routes, one preempted thread
 * stalls the other. Measured on BANKING77 texts with int8 bge-small, one caller, batches of 64: two
 * intra-op threads per pass kept 1.6 cores busy for 450-545 texts/s, at 3.0-3.6 ms of CPU per text;
 * single-threaded passes side by side keep 1.7-1.8 busy for 590-630 texts/s, at 2.8-3.0 ms.
 */
final class ParallelPasses {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    /** Shared by every encoder, so concurrent calls never run more helpers than there are cores. */
    private static final ExecutorService HELPERS = Executors.newFixedThreadPool(CORES, runnable -> {
        Thread thread = new Thread(runnable, "encoder-pass");
        thread.setDaemon(true);
        return thread;
    });

    private ParallelPasses() {
    }

    /**
     * Runs {@code pass} for 0..count-1, the caller taking part, and returns when all have run. Passes are
     * taken in index order, so put the longest first. A helper that starts after the work is gone just
     * ends: the caller waits for the passes, never for a helper.
     */
    static void run(int count, IntConsumer pass) {
        if (count <= 1 || CORES == 1) {
            for (int i = 0; i < count; i++) {
                pass.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        // Errors too: a helper's would otherwise end its pool thread silently and leave its pass's output unset.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                    pass.accept(i);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int helper = 1; helper < Math.min(CORES, count); helper++) {
            HELPERS.execute(worker);
        }
        worker.run();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while an encoder ran", e);
        }
        Throwable failed = failure.get();
        if (failed instanceof RuntimeException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
    }
}
