package io.agenthub.slm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MahalanobisHeadTest {

    /** Two classes spread widely along x and hardly along y: the shared covariance learns that y matters more. */
    private static final float[][] X = {{-2, 0.1f}, {0, 0.1f}, {2, 0.1f}, {-2, -0.1f}, {0, -0.1f}, {2, -0.1f},
        {-2, 1.1f}, {0, 1.1f}, {2, 1.1f}, {-2, 0.9f}, {0, 0.9f}, {2, 0.9f}};
    private static final int[] Y = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};

    @Test
    void distancesWeighDirectionsByHowMuchTheClassesVaryAlongThem() {
        MahalanobisHead head = (MahalanobisHead) MahalanobisHead.fitter(1e-6).fit(X, Y, 2);

        double[] d = head.distances(new float[] {0, 0});
        // the class means are (0, 0) and (0, 1); the within-class variances are 8/3 along x and 0.01 along y
        assertThat(d[0]).isCloseTo(0, within(1e-3));
        assertThat(d[1]).isCloseTo(1 / 0.01, within(0.1));
        // three units along x, where the classes vary, is closer than 0.3 along y, where they do not
        assertThat(head.familiarity(new float[] {3, 0}, -1)).isGreaterThan(head.familiarity(new float[] {0, -0.3f}, -1));
        assertThat(Softmax.argmax(head.probabilities(new float[] {1.5f, 0.8f}))).isEqualTo(1);
    }

    @Test
    void familiarityLeavesTheExcludedClassOut() {
        MahalanobisHead head = (MahalanobisHead) MahalanobisHead.fitter(1e-6).fit(X, Y, 2);

        float[] nearClassOne = {0, 1};
        assertThat(head.familiarity(nearClassOne, -1)).isCloseTo(0, within(1e-3));
        assertThat(head.familiarity(nearClassOne, 1)).isCloseTo(-100, within(0.1));
    }

    @Test
    void aClassWithoutExamplesNeverWins() {
        Head head = MahalanobisHead.fitter(1e-3).fit(X, Y, 3);

        double[] p = head.probabilities(new float[] {0, 5});
        assertThat(p[2]).isLessThan(1e-6);
    }

    @Test
    void aWrittenHeadReadsBackTheSame(@TempDir Path dir) throws Exception {
        Head head = MahalanobisHead.fitter(0.01).fit(X, Y, 2).withTemperature(7.5);
        Path file = dir.resolve("head.bin");
        head.write(file);

        Head read = ModelCard.HeadSpec.mahalanobis(0.01).read(Files.newInputStream(file));
        float[] query = {0.3f, 0.4f};
        assertThat(read.logits(query)).containsExactly(head.logits(query), within(1e-9));
        assertThat(read.temperature()).isEqualTo(7.5);
        assertThatThrownBy(() -> NeighbourHead.read(Files.newInputStream(file))).hasMessageContaining("not a nearest-neighbours head");
    }

    @Test
    void shrinkageMustBePositive() {
        assertThatThrownBy(() -> MahalanobisHead.fitter(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
