package io.agenthub.slm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NeighbourHeadTest {

    private static final float[][] X = {{1, 0, 0}, {0.9f, 0.1f, 0}, {0, 1, 0}, {0.1f, 0.9f, 0.1f}, {0, 0, 1}};
    private static final int[] Y = {0, 0, 1, 1, 2};

    @Test
    void theClassOfTheMostSimilarExamplesWins() {
        Head head = NeighbourHead.fitter(2, 0.05).fit(X, Y, 3);

        double[] p = head.probabilities(new float[] {0.2f, 3, 0});
        assertThat(Softmax.argmax(p)).isEqualTo(1);
        assertThat(p[1]).isGreaterThan(0.9);
        // the magnitude of the features does not matter, only their direction
        assertThat(head.logits(new float[] {5, 0.1f, 0})).containsExactly(head.logits(new float[] {1, 0.02f, 0}), within(1e-6));
    }

    @Test
    void aClassNoNeighbourVotedForKeepsASmallProbability() {
        double[] p = NeighbourHead.fitter(1, 0.05).fit(X, Y, 3).probabilities(new float[] {1, 0, 0});

        assertThat(p[2]).isGreaterThan(0).isLessThan(0.01);
    }

    @Test
    void aWrittenHeadReadsBackTheSame(@TempDir Path dir) throws Exception {
        Head head = NeighbourHead.fitter(3, 0.02).fit(X, Y, 3).withTemperature(1.3);
        Path file = dir.resolve("head.bin");
        head.write(file);

        Head read = NeighbourHead.read(Files.newInputStream(file));
        float[] query = {0.3f, 0.4f, 0.5f};
        assertThat(read.logits(query)).containsExactly(head.logits(query), within(1e-9));
        assertThat(read.temperature()).isEqualTo(1.3);
        assertThatThrownBy(() -> LinearHead.read(Files.newInputStream(file))).hasMessageContaining("not a linear head");
    }

    @Test
    void familiarityIsTheMeanSimilarityOfTheNearestExamplesOutsideTheExcludedClass() {
        NeighbourHead head = (NeighbourHead) NeighbourHead.fitter(2, 0.05).fit(X, Y, 3);

        // the two nearest examples of classes 0 and 1 to (1, 0, 0) are (1, 0, 0) and (0.9, 0.1, 0)
        double expected = (1 + 0.9 / Math.sqrt(0.82)) / 2;
        assertThat(head.familiarity(new float[] {1, 0, 0}, 2)).isCloseTo(expected, within(1e-2));
        // excluding class 0 leaves only class 1 examples, much less similar
        assertThat(head.familiarity(new float[] {1, 0, 0}, 0)).isLessThan(0.2);
        // a request like none of the examples is unfamiliar
        assertThat(head.familiarity(new float[] {0, 0, 1}, 2)).isLessThan(head.familiarity(new float[] {0.5f, 0.5f, 0}, 2));
    }

    @Test
    void aMarginLowersTheFamiliarityOfRequestsLikeKnownOutOfScopeOnes() {
        // class 2 plays the out-of-scope class: its one example is (0, 0, 1)
        NeighbourHead plain = (NeighbourHead) NeighbourHead.fitter(2, 0.05).fit(X, Y, 3);
        NeighbourHead margined = (NeighbourHead) NeighbourHead.fitter(2, 0.05, 0.5).fit(X, Y, 3);
        float[] halfway = {0.5f, 0, 0.5f};
        float[] inScope = {1, 0, 0};

        double nearestInScope = (Math.sqrt(0.5) + 0.9 / Math.sqrt(0.82) * Math.sqrt(0.5)) / 2;
        assertThat(plain.familiarity(halfway, 2)).isCloseTo(nearestInScope, within(1e-2));
        // as like the out-of-scope example as like the intents': half that similarity comes off
        assertThat(margined.familiarity(halfway, 2)).isCloseTo(nearestInScope - 0.5 * Math.sqrt(0.5), within(1e-2));
        // unlike every out-of-scope example: no change
        assertThat(margined.familiarity(inScope, 2)).isCloseTo(plain.familiarity(inScope, 2), within(1e-3));
        // a tier's familiarity gate reads the similarity alone, whatever the margin
        assertThat(margined.nearestSimilarity(halfway, 2)).isCloseTo(nearestInScope, within(1e-2));
        // without an out-of-scope class there is nothing to keep a margin from
        assertThat(margined.familiarity(halfway, -1)).isEqualTo(margined.nearestSimilarity(halfway, -1));
    }

    @Test
    void theCardCarriesTheMarginIntoTheHeadItReads(@TempDir Path dir) throws Exception {
        ModelCard.HeadSpec spec = ModelCard.HeadSpec.nearestNeighbours(2, 0.05, 0.5);
        Head fitted = spec.fitter().fit(X, Y, 3);
        Path file = dir.resolve("head.bin");
        fitted.write(file);

        Familiar read = (Familiar) spec.written("head.bin", "sha256:x", 1.0).read(Files.newInputStream(file));
        float[] halfway = {0.5f, 0, 0.5f};
        assertThat(read.familiarity(halfway, 2)).isCloseTo(((Familiar) fitted).familiarity(halfway, 2), within(1e-9));
        assertThat(ModelCard.HeadSpec.nearestNeighbours(2, 0.05, 0).outOfScopeMargin()).as("no margin: not recorded").isNull();
    }

    @Test
    void featuresOfAnotherDimensionAreRefused() {
        Head head = NeighbourHead.fitter(2, 0.05).fit(X, Y, 3);

        assertThatThrownBy(() -> head.logits(new float[] {1, 0})).hasMessageContaining("expected 3 features, got 2");
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> NeighbourHead.fitter(0, 0.02)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourHead.fitter(5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourHead.fitter(3, 0.02, -0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
