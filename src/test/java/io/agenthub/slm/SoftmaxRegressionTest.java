package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxRegressionTest {

    /** Three Gaussian blobs in 5 dimensions, seeded. */
    private static float[][] blobs(int perClass, long seed, int[] labelsOut) {
        Random random = new Random(seed);
        float[][] centres = {{2, 0, 0, 0, 0}, {0, 2, 0, 0, 0}, {0, 0, 2, 0, 0}};
        float[][] x = new float[perClass * 3][5];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            labelsOut[i] = c;
            for (int d = 0; d < 5; d++) {
                x[i][d] = centres[c][d] + (float) random.nextGaussian() * 0.7f;
            }
        }
        return x;
    }

    @Test
    void separatesGaussianBlobsAndGeneralisesToFreshSamples() {
        int[] y = new int[300];
        float[][] x = blobs(100, 1, y);
        LinearHead head = new SoftmaxRegression(1e-3, 200).fit(x, y, 3);

        int[] testY = new int[300];
        float[][] test = blobs(100, 2, testY);
        int correct = 0;
        for (int i = 0; i < test.length; i++) {
            correct += Softmax.argmax(head.probabilities(test[i])) == testY[i] ? 1 : 0;
        }
        assertThat(correct / 300.0).isGreaterThan(0.9);
    }

    @Test
    void strongerRegularisationGivesSmallerWeightsAndSofterProbabilities() {
        int[] y = new int[300];
        float[][] x = blobs(100, 3, y);
        double loose = new SoftmaxRegression(1e-4, 200).fit(x, y, 3).probabilities(x[0])[y[0]];
        double tight = new SoftmaxRegression(1.0, 200).fit(x, y, 3).probabilities(x[0])[y[0]];

        assertThat(tight).isLessThan(loose);
    }

    @Test
    void temperatureScalingRecoversTheTemperatureThatGeneratedTheLabels() {
        Random random = new Random(4);
        int n = 4000;
        double[][] logits = new double[n][];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            logits[i] = new double[] {random.nextGaussian() * 3, random.nextGaussian() * 3, random.nextGaussian() * 3};
            double[] p = Softmax.of(logits[i], 2.0);
            double u = random.nextDouble();
            truth[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }

        assertThat(TemperatureScaling.fit(logits, truth)).isCloseTo(2.0, within(0.25));
    }

    @Test
    void stratifiedFoldsKeepEachClassEvenlySpread() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 50 ? 0 : 1;
        }
        int[] folds = StratifiedFolds.assign(labels, 2, 5, 7);
        for (int f = 0; f < 5; f++) {
            int zeros = 0;
            int ones = 0;
            for (int i = 0; i < 100; i++) {
                if (folds[i] == f) {
                    zeros += labels[i] == 0 ? 1 : 0;
                    ones += labels[i] == 1 ? 1 : 0;
                }
            }
            assertThat(zeros).isEqualTo(10);
            assertThat(ones).isEqualTo(10);
        }
    }
}
