package io.agenthub.bench;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    private static volatile long sink;

    /**
     * Spends this much of the thread's own CPU time, however long that takes on a busy machine, then stays alive
     * until released: a thread that has ended takes its time out of /proc with it.
     */
    private static Runnable burn(long cpuNanos, CountDownLatch spent, CountDownLatch release) {
        return () -> {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long start = threads.getCurrentThreadCpuTime();
            long x = 0;
            while (threads.getCurrentThreadCpuTime() - start < cpuNanos) {
                for (int i = 0; i < 10_000; i++) {
                    x += x * 31 + 7;
                }
            }
            sink = x;
            spent.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void encoderAndOtherThreadsAreToldApart() throws Exception {
        CountDownLatch spent = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        Thread encoder = new Thread(burn(400_000_000L, spent, release), "encoder-under-test");
        Thread other = new Thread(burn(400_000_000L, spent, release), "routes-under-test");
        ThreadCpu before = ThreadCpu.now();
        encoder.start();
        other.start();
        spent.await();
        ThreadCpu measured = ThreadCpu.now().since(before);
        release.countDown();
        encoder.join();
        other.join();

        // /proc counts in ticks of 10 ms: each side holds at least the 0.4 s its thread spent, less a tick or two
        assertThat(measured.encoderSeconds()).isGreaterThanOrEqualTo(0.37);
        assertThat(measured.otherSeconds()).isGreaterThanOrEqualTo(0.37);
        assertThat(measured.cores()).isPositive();
    }

    @Test
    void onlyEncoderAndTokenWorkersArePickedAsEncoders() {
        assertThat(ThreadCpu.ENCODER.test("encoder-banking")).isTrue();
        assertThat(ThreadCpu.ENCODER.test("encoder-pass")).isTrue();
        assertThat(ThreadCpu.ENCODER.test("tokens-all-mini")).isTrue();
        assertThat(ThreadCpu.ENCODER.test("vert.x-worker-t")).isFalse();
        assertThat(ThreadCpu.ENCODER.test("H2-serializatio")).isFalse();
    }
}
