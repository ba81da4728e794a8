package io.agenthub.slm;

import java.io.IOException;
import java.nio.file.Path;

/** What turns a text's features into class scores; a model card's {@code head.type} says which kind. */
public interface Head {

    int classes();

    int dimension();

    double temperature();

    /** The same head with another calibration temperature. */
    Head withTemperature(double temperature);

    /** Raw class scores before calibration. */
    double[] logits(float[] features);

    /** Calibrated class probabilities. */
    default double[] probabilities(float[] features) {
        return Softmax.of(logits(features), temperature());
    }

    void write(Path file) throws IOException;

    /** Fits one kind of head on labelled features; {@code train}, cross-validation and benchmarks share it. */
    @FunctionalInterface
    interface Fitter {
        Head fit(float[][] x, int[] y, int classes);
    }
}
