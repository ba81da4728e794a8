package io.agenthub.capability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Scores many texts through a cascade's in-process tiers with enough callers in flight that the
 * encoders' micro-batchers fill their batches. Answers come back in input order.
 */
public final class BatchScorer {

    private BatchScorer() {
    }

    public static List<CascadeAnswer> scoreAll(CapabilityCascade cascade, List<String> texts, int concurrency) {
        return map(texts, cascade::classifyInProcess, concurrency);
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> work, int concurrency) {
        ExecutorService callers = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "batch-scorer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(CompletableFuture.supplyAsync(() -> work.apply(item), callers));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        } finally {
            callers.shutdownNow();
        }
    }
}
