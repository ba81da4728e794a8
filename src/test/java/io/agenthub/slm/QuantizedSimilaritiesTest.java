package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QuantizedSimilaritiesTest {

    private static final int DIMENSION = 384;
    private static final int COUNT = 1500;

    @Test
    void dotProductsAgreeWithFloatArithmeticOnTheSameInt8Vectors() {
        Random random = new Random(7);
        byte[] vectors = new byte[DIMENSION * COUNT];
        float[] scales = new float[COUNT];
        for (int i = 0; i < COUNT; i++) {
            // like sentence embeddings: unit length, a few dominant features, all in one cone
            float[] unit = Features.normalise(embeddingLike(random));
            float max = 0;
            for (float v : unit) {
                max = Math.max(max, Math.abs(v));
            }
            scales[i] = max / 127;
            for (int j = 0; j < DIMENSION; j++) {
                vectors[j * COUNT + i] = (byte) Math.round(unit[j] / scales[i]);
            }
        }
        QuantizedSimilarities similarities = new QuantizedSimilarities(vectors, scales, DIMENSION);

        for (int trial = 0; trial < 20; trial++) {
            float[] query = Features.normalise(embeddingLike(random));
            float[] dots = similarities.of(query);
            for (int i = 0; i < COUNT; i++) {
                double exact = 0;
                for (int j = 0; j < DIMENSION; j++) {
                    exact += query[j] * vectors[j * COUNT + i] * scales[i];
                }
                assertThat((double) dots[i]).as("vector %d", i).isCloseTo(exact, within(1e-4));
            }
        }
    }

    @Test
    void extremeQueriesDoNotOverflow() {
        // every stored feature at +127 and a query at its largest in every feature: the widest sums there are
        byte[] vectors = new byte[4 * 3];
        java.util.Arrays.fill(vectors, (byte) 127);
        QuantizedSimilarities similarities = new QuantizedSimilarities(vectors, new float[] {1, 0.5f, 2}, 4);

        assertThat(similarities.of(new float[] {1, 1, 1, 1})).containsExactly(new float[] {508, 254, 1016},
                within(0.05f));
        assertThat(similarities.of(new float[] {-1, -1, -1, -1})).containsExactly(new float[] {-508, -254, -1016},
                within(0.05f));
        assertThat(similarities.of(new float[] {0, 0, 0, 0})).containsExactly(0, 0, 0);
    }

    @Test
    void aQueryOfAnotherDimensionOrShapeIsRefused() {
        QuantizedSimilarities similarities = new QuantizedSimilarities(new byte[6], new float[] {1, 1}, 3);

        assertThatThrownBy(() -> similarities.of(new float[2])).hasMessageContaining("expected 3 features, got 2");
        assertThatThrownBy(() -> new QuantizedSimilarities(new byte[5], new float[] {1, 1}, 3))
                .hasMessageContaining("expected 3 x 2 int8 values, got 5");
    }

    private static float[] embeddingLike(Random random) {
        float[] v = new float[DIMENSION];
        for (int j = 0; j < DIMENSION; j++) {
            v[j] = (float) (random.nextGaussian() + (j < 20 ? 3 : 0));
        }
        return v;
    }
}
