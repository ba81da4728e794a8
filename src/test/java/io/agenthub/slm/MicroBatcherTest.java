package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MicroBatcherTest {

    /** Records the size of every pass it is asked to run. */
    private static final class CountingEncoder implements Encoder {
        final List<Integer> passes = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public String digest() {
            return "sha256:none";
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[][] embed(List<String> texts) {
            passes.add(texts.size());
            return texts.stream().map(t -> new float[] {t.length()}).toArray(float[][]::new);
        }
    }

    @Test
    void aLoneRequestIsNotHeldBackByTheWindow() throws Exception {
        CountingEncoder encoder = new CountingEncoder();
        // a window of an hour: a worker that waited for company would never answer within the test's patience
        try (MicroBatcher batcher = new MicroBatcher(encoder, 64, 3_600_000_000L, () -> 1)) {
            float[] vector = batcher.submit("lost card").get(60, TimeUnit.SECONDS);

            assertThat(vector).containsExactly(9f);
        }
    }

    @Test
    void underLoadABurstWithinTheWindowSharesOnePass() throws Exception {
        CountingEncoder encoder = new CountingEncoder();
        AtomicInteger callers = new AtomicInteger(3);
        try (MicroBatcher batcher = new MicroBatcher(encoder, 64, 2_000_000, callers::get)) {
            CompletableFuture<float[]> first = batcher.submit("a");
            Thread.sleep(50);
            CompletableFuture<float[]> second = batcher.submit("bb");
            CompletableFuture<float[]> third = batcher.submit("ccc");

            assertThat(first.get()).containsExactly(1f);
            assertThat(second.get()).containsExactly(2f);
            assertThat(third.get()).containsExactly(3f);
            // the worker stops waiting as soon as the batch holds every caller at work
            assertThat(encoder.passes).containsExactly(3);
        }
    }

    @Test
    void withoutAWindowEachPassTakesWhatIsQueued() throws Exception {
        CountingEncoder encoder = new CountingEncoder();
        try (MicroBatcher batcher = new MicroBatcher(encoder, 64)) {
            batcher.submit("a").get();
            batcher.submit("b").get();

            assertThat(encoder.passes).containsExactly(1, 1);
        }
    }
}
