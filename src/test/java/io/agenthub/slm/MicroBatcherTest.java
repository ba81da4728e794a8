package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
    void aLoneRequestIsNotHeldBackByTheWindow() {
        CountingEncoder encoder = new CountingEncoder();
        // a window of a whole second: waiting for company would show in the elapsed time
        try (MicroBatcher batcher = new MicroBatcher(encoder, 64, 1_000_000, () -> 1)) {
            long started = System.nanoTime();
            float[] vector = batcher.embed("lost card");

            assertThat(vector).containsExactly(9f);
            assertThat((System.nanoTime() - started) / 1e6).isLessThan(500);
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
