package io.agenthub.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadCpuTest {

    private static volatile long sink;

    private static void burn(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        sink = x;
    }

    @Test
    void encoderAndOtherThreadsAreToldApart() throws Exception {
        Thread encoder = new Thread(() -> burn(1_500_000_000L), "encoder-under-test");
        Thread other = new Thread(() -> burn(1_500_000_000L), "routes-under-test");
        ThreadCpu before = ThreadCpu.now();
        encoder.start();
        other.start();
        Thread.sleep(1000);
        ThreadCpu spent = ThreadCpu.now().since(before);
        encoder.join();
        other.join();

        assertThat(spent.encoderSeconds()).isGreaterThan(0.3);
        assertThat(spent.otherSeconds()).isGreaterThan(0.3);
        assertThat(spent.cores()).isGreaterThan(0.6);
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
