package io.agenthub.slm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A multinomial logistic-regression head: one weight row and bias per class over the (concatenated,
 * normalised) encoder features, with a calibration temperature applied to the logits.
 */
public final class LinearHead implements Head {

    private static final int MAGIC = 0x41484c48; // "AHLH"

    private final int classes;
    private final int dimension;
    /**
     * Weights held feature-major (the file and the constructor take them class-major), so scoring adds one
     * feature's column to every class at once, a loop the JIT vectorises.
     */
    private final float[] byFeature;
    private final float[] bias;
    private final double temperature;

    public LinearHead(int classes, int dimension, float[] weights, float[] bias, double temperature) {
        this(transpose(weights, classes, dimension), bias, classes, dimension, temperature);
    }

    private LinearHead(float[] byFeature, float[] bias, int classes, int dimension, double temperature) {
        if (bias.length != classes) {
            throw new IllegalArgumentException("head shape does not match " + classes + " x " + dimension);
        }
        this.classes = classes;
        this.dimension = dimension;
        this.byFeature = byFeature;
        this.bias = bias;
        this.temperature = temperature;
    }

    private static float[] transpose(float[] weights, int classes, int dimension) {
        if (weights.length != classes * dimension) {
            throw new IllegalArgumentException("head shape does not match " + classes + " x " + dimension);
        }
        float[] t = new float[weights.length];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dimension; d++) {
                t[d * classes + c] = weights[c * dimension + d];
            }
        }
        return t;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double temperature() {
        return temperature;
    }

    @Override
    public LinearHead withTemperature(double t) {
        return new LinearHead(byFeature, bias, classes, dimension, t);
    }

    /** Raw scores before calibration. */
    @Override
    public double[] logits(float[] features) {
        if (features.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " features, got " + features.length);
        }
        float[] sum = bias.clone();
        for (int d = 0; d < dimension; d++) {
            float f = features[d];
            int column = d * classes;
            for (int c = 0; c < classes; c++) {
                sum[c] += f * byFeature[column + c];
            }
        }
        double[] z = new double[classes];
        for (int c = 0; c < classes; c++) {
            z[c] = sum[c];
        }
        return z;
    }

    @Override
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(classes);
            out.writeInt(dimension);
            out.writeDouble(temperature);
            for (int c = 0; c < classes; c++) {
                for (int d = 0; d < dimension; d++) {
                    out.writeFloat(byFeature[d * classes + c]);
                }
            }
            for (float b : bias) {
                out.writeFloat(b);
            }
        }
    }

    public static LinearHead read(java.io.InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a linear head file");
            }
            int classes = in.readInt();
            int dimension = in.readInt();
            double temperature = in.readDouble();
            float[] weights = new float[classes * dimension];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = in.readFloat();
            }
            float[] bias = new float[classes];
            for (int i = 0; i < classes; i++) {
                bias[i] = in.readFloat();
            }
            return new LinearHead(classes, dimension, weights, bias, temperature);
        }
    }
}
