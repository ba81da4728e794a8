package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelPassesTest {

    @Test
    void everyPassRunsOnceAndItsWritesAreSeenByTheCaller() {
        int count = 50;
        AtomicIntegerArray runs = new AtomicIntegerArray(count);
        long[] written = new long[count];
        Set<String> threads = ConcurrentHashMap.newKeySet();

        ParallelPasses.run(count, i -> {
            runs.incrementAndGet(i);
            threads.add(Thread.currentThread().getName());
            written[i] = (long) i * i;
        });

        for (int i = 0; i < count; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
            assertThat(written[i]).isEqualTo((long) i * i);
        }
        // The caller claims passes too, but helpers may take them all first: only who may run them is fixed.
        assertThat(threads).isSubsetOf(Thread.currentThread().getName(), "encoder-pass");
    }

    @Test
    void aFailingPassFailsTheCallAfterTheOthersRan() {
        AtomicIntegerArray runs = new AtomicIntegerArray(6);

        assertThatThrownBy(() -> ParallelPasses.run(6, i -> {
            runs.incrementAndGet(i);
            if (i == 2) {
                throw new IllegalStateException("pass 2 broke");
            }
        })).hasMessage("pass 2 broke");
        for (int i = 0; i < 6; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void anErrorInAnyPassReachesTheCaller() {
        for (int broken = 0; broken < 4; broken++) {
            int failing = broken;
            assertThatThrownBy(() -> ParallelPasses.run(4, i -> {
                if (i == failing) {
                    throw new AssertionError("pass " + failing + " failed");
                }
            })).isInstanceOf(AssertionError.class).hasMessage("pass " + failing + " failed");
        }
    }

    @Test
    void noPassesIsNoWork() {
        ParallelPasses.run(0, i -> {
            throw new AssertionError("no pass should run");
        });
    }
}
