package io.agenthub.slm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LinearHeadTest {

    @Test
    void aShippedHeadIsWrittenBackByteForByte(@TempDir Path dir) throws Exception {
        // the head is held feature-major in memory; the file stays class-major, so its digest in the card holds
        Path shipped = Path.of("models/banking77-intent/v4/head.bin");
        LinearHead head = LinearHead.read(Files.newInputStream(shipped));
        Path copy = dir.resolve("head.bin");
        head.write(copy);

        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(shipped));
    }

    @Test
    void logitsAreEachClassRowDottedWithTheFeaturesPlusItsBias() {
        // two classes over three features, class-major: row 0 = (1, 2, 3), row 1 = (-1, 0, 0.5)
        LinearHead head = new LinearHead(2, 3, new float[] {1, 2, 3, -1, 0, 0.5f}, new float[] {0.5f, -1}, 1.0);

        double[] z = head.logits(new float[] {1, 1, 2});

        assertThat(z[0]).isCloseTo(0.5 + 1 + 2 + 6, within(1e-6));
        assertThat(z[1]).isCloseTo(-1 - 1 + 0 + 1, within(1e-6));
    }
}
