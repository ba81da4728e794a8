package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkDeltaTest {

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void aTunedCopyComesBackExactlyAndItsDeltaIsSmallWhenFewWeightsMoved() {
        byte[] base = randomBytes(200_000, 1);
        byte[] tuned = base.clone();
        Random moves = new Random(2);
        for (int i = 0; i < tuned.length; i += 1 + moves.nextInt(20)) {
            tuned[i] += (byte) (moves.nextBoolean() ? 1 : -1); // wraps around like int8 codes stepping past -128/127
        }

        byte[] delta = NetworkDelta.of(base, tuned);

        assertThat(NetworkDelta.apply(base, delta)).isEqualTo(tuned);
        assertThat(delta.length).isLessThan(tuned.length / 4);
    }

    @Test
    void aNetworkOfAnotherSizeOrAnotherBaseIsRefused() {
        byte[] base = randomBytes(1000, 3);
        assertThatThrownBy(() -> NetworkDelta.of(base, randomBytes(999, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("export.py");
        byte[] delta = NetworkDelta.of(base, randomBytes(1000, 5));
        assertThatThrownBy(() -> NetworkDelta.apply(randomBytes(1001, 6), delta))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another version of the base encoder");
        assertThatThrownBy(() -> NetworkDelta.apply(base, randomBytes(100, 7)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a network delta");
    }
}
