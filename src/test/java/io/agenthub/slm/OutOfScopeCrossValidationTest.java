package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OutOfScopeCrossValidationTest {

    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void theThresholdLeavesTheTargetShareOfScoresBelowIt() {
        List<Double> scores = List.of(5.0, 1.0, 3.0, 2.0, 4.0, 9.0, 7.0, 8.0, 6.0, 10.0);

        assertThat(OutOfScopeCrossValidation.thresholdFor(scores, 0.9)).isEqualTo(9.5);
        assertThat(OutOfScopeCrossValidation.thresholdFor(scores, 0.85)).isEqualTo(9.5);
        assertThat(OutOfScopeCrossValidation.thresholdFor(scores, 0.5)).isEqualTo(5.5);
        assertThat(OutOfScopeCrossValidation.thresholdFor(scores, 1.0)).isGreaterThan(10.0);
        assertThatThrownBy(() -> OutOfScopeCrossValidation.thresholdFor(List.of(), 0.9))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wilsonIntervalsHoldTheShareAndNarrowWithMoreTrials() {
        double[] few = OutOfScopeCrossValidation.wilson(9, 10);
        double[] many = OutOfScopeCrossValidation.wilson(180, 200);

        assertThat(few[0]).isLessThan(0.9);
        assertThat(few[1]).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(many[1] - many[0]).isLessThan(few[1] - few[0]);
        assertThat(many[0]).isCloseTo(0.851, within(0.002));
    }

    @Test
    void separableRequestsAreCaughtAtTheTargetAndNoneOfTheIntentsRejected() {
        Data data = data(0.05);

        OutOfScopeCrossValidation.Result result = OutOfScopeCrossValidation.run(data.x, data.y, 3, 2,
                NeighbourHead.fitter(3, 0.02), 5, 42, data.y, null, new double[] {0.9}, QUIET);

        OutOfScopeCrossValidation.Point point = result.curve().get(0);
        // the threshold sits at the training part's 90th percentile of out-of-scope familiarity, far below any intent's
        assertThat(point.outOfScopeRecall().perFold()).hasSize(5);
        assertThat(point.outOfScopeRecall().mean()).isCloseTo(0.9, within(0.15));
        assertThat(point.inScopeRejected().mean()).isZero();
        assertThat(point.inScopeAccuracy().mean()).isEqualTo(1.0);
        assertThat(result.inScope()).isEqualTo(100);
        assertThat(result.outOfScope()).isEqualTo(40);
        assertThat(point.pooledRecallCi95()[0]).isLessThan(point.outOfScopeRecall().mean());
        assertThat(point.pooledRecallCi95()[1]).isGreaterThan(point.outOfScopeRecall().mean());
    }

    @Test
    void aHigherTargetRecallCostsMoreInScopeRequests() {
        Data data = data(0.6);

        OutOfScopeCrossValidation.Result result = OutOfScopeCrossValidation.run(data.x, data.y, 3, 2,
                NeighbourHead.fitter(3, 0.02), 4, 7, null, null, new double[] {0.5, 0.95}, QUIET);

        OutOfScopeCrossValidation.Point low = result.curve().get(0);
        OutOfScopeCrossValidation.Point high = result.curve().get(1);
        assertThat(high.outOfScopeRecall().mean()).isGreaterThan(low.outOfScopeRecall().mean());
        assertThat(high.inScopeRejected().mean()).isGreaterThan(low.inScopeRejected().mean());
        assertThat(low.inScopeAccuracy()).isNull();
        for (int f = 0; f < 4; f++) {
            assertThat(high.thresholds()[f]).isGreaterThan(low.thresholds()[f]);
        }
        boolean[] isOos = new boolean[data.y.length];
        for (int i = 0; i < isOos.length; i++) {
            isOos[i] = data.y[i] == 2;
        }
        assertThat(result.threshold(0.95, isOos)).isGreaterThan(result.threshold(0.5, isOos));
    }

    @Test
    void examplesATunedNetworkSawCountInNoFigureButStayInTheReference() {
        Data data = data(0.6);
        // the network "saw" the first intent's examples: the figures must be the other intent's and the out-of-scope ones'
        boolean[] unseen = new boolean[data.y.length];
        for (int i = 0; i < unseen.length; i++) {
            unseen[i] = data.y[i] != 0;
        }
        // predictions wrong for every example of the first intent: left out, they cannot lower the accuracy
        int[] predicted = data.y.clone();
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = data.y[i] == 0 ? 1 : data.y[i];
        }

        OutOfScopeCrossValidation.Result all = OutOfScopeCrossValidation.run(data.x, data.y, 3, 2,
                NeighbourHead.fitter(3, 0.02), 4, 7, predicted, null, new double[] {0.9}, QUIET);
        OutOfScopeCrossValidation.Result unseenOnly = OutOfScopeCrossValidation.run(data.x, data.y, 3, 2,
                NeighbourHead.fitter(3, 0.02), 4, 7, predicted, unseen, new double[] {0.9}, QUIET);

        assertThat(unseenOnly.seenByNetwork()).isEqualTo(50);
        assertThat(all.seenByNetwork()).isZero();
        // same reference data and thresholds: the familiarities and the recall do not change
        assertThat(unseenOnly.outOfFold()).isEqualTo(all.outOfFold());
        assertThat(unseenOnly.curve().get(0).thresholds()).isEqualTo(all.curve().get(0).thresholds());
        assertThat(unseenOnly.curve().get(0).outOfScopeRecall().mean()).isEqualTo(all.curve().get(0).outOfScopeRecall().mean());
        assertThat(all.curve().get(0).inScopeAccuracy().mean()).isLessThan(0.6);
        assertThat(unseenOnly.curve().get(0).inScopeAccuracy().mean())
                .isEqualTo(1 - unseenOnly.curve().get(0).inScopeRejected().mean(), within(1e-9));
        assertThat(OutOfScopeCrossValidation.validation(unseenOnly, 0.9, "c", "d", 4).protocol())
                .contains("50 examples the tuned network was trained on");
    }

    @Test
    void aHeadThatCannotTellFamiliarityIsRefused() {
        Data data = data(0.05);

        assertThatThrownBy(() -> OutOfScopeCrossValidation.run(data.x, data.y, 3, 2,
                new SoftmaxRegression(1e-3, 20)::fit, 2, 1, null, null, new double[] {0.9}, QUIET))
                .hasMessageContaining("cannot tell familiarity");
    }

    private record Data(float[][] x, int[] y) {
    }

    /** Two intents around (1, 0, 0) and (0, 1, 0), out-of-scope requests around (0, 0, 1); {@code noise} blurs them. */
    private static Data data(double noise) {
        Random random = new Random(3);
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        float[][] centres = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        int[] counts = {50, 50, 40};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < counts[c]; i++) {
                float[] v = centres[c].clone();
                for (int j = 0; j < 3; j++) {
                    v[j] += (float) (noise * random.nextGaussian());
                }
                x.add(v);
                y.add(c);
            }
        }
        return new Data(x.toArray(float[][]::new), y.stream().mapToInt(Integer::intValue).toArray());
    }
}
