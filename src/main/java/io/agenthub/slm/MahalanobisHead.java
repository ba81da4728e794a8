package io.agenthub.slm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Class means with one shared covariance (linear discriminant analysis): a class's logit is minus half the
 * squared Mahalanobis distance of the request to the class mean, and familiarity is minus the smallest such
 * distance to an in-scope class. Unlike cosine similarity to single examples, the distance weighs each
 * direction of the encoder's space by how much the intents' own examples vary along it, so a request that
 * differs from every intent in a direction the intents agree on stands out (Podolskiy et al. 2021,
 * "Revisiting Mahalanobis Distance for Transformer-Based Out-of-Domain Detection";
 * models/clinc150-intent/EXPERIMENTS.md).
 *
 * <p>The covariance is shrunk towards a multiple of the identity ({@code shrinkage} times its mean
 * variance added to the diagonal), which keeps the inverse stable where few examples vary.
 */
public final class MahalanobisHead implements Head, Familiar {

    private static final int MAGIC = 0x41484d44; // "AHMD"

    private final int classes;
    private final int dimension;
    private final double shrinkage;
    /** Class means, class-major; a class without examples has {@code present[c] == false}. */
    private final float[][] means;
    private final boolean[] present;
    /** The shrunk covariance's inverse, row-major and symmetric. */
    private final float[][] precision;
    /** {@code precision * mean_c} and {@code mean_c' * precision * mean_c}: the distances then cost one matrix-vector product. */
    private final float[][] precisionMeans;
    private final double[] meanTerms;
    private final double temperature;

    private MahalanobisHead(int classes, double shrinkage, float[][] means, boolean[] present, float[][] precision,
                            double temperature) {
        this.classes = classes;
        this.dimension = precision.length;
        this.shrinkage = shrinkage;
        this.means = means;
        this.present = present;
        this.precision = precision;
        this.temperature = temperature;
        this.precisionMeans = new float[classes][];
        this.meanTerms = new double[classes];
        for (int c = 0; c < classes; c++) {
            if (present[c]) {
                precisionMeans[c] = multiply(precision, means[c]);
                meanTerms[c] = dot(means[c], precisionMeans[c]);
            }
        }
    }

    /** The fitter: class means, and the within-class covariance of all examples, shrunk, inverted. */
    public static Head.Fitter fitter(double shrinkage) {
        if (!(shrinkage > 0)) {
            throw new IllegalArgumentException("shrinkage must be above 0");
        }
        return (x, y, classes) -> {
            int d = x[0].length;
            double[][] sums = new double[classes][d];
            int[] counts = new int[classes];
            for (int i = 0; i < x.length; i++) {
                counts[y[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[y[i]][j] += x[i][j];
                }
            }
            float[][] means = new float[classes][d];
            boolean[] present = new boolean[classes];
            for (int c = 0; c < classes; c++) {
                present[c] = counts[c] > 0;
                for (int j = 0; present[c] && j < d; j++) {
                    means[c][j] = (float) (sums[c][j] / counts[c]);
                }
            }
            double[][] covariance = new double[d][d];
            // lower triangle, one row per task: rows are independent sums over the examples
            java.util.stream.IntStream.range(0, d).parallel().forEach(j -> {
                double[] row = covariance[j];
                for (int i = 0; i < x.length; i++) {
                    float[] mean = means[y[i]];
                    double v = x[i][j] - mean[j];
                    for (int k = 0; k <= j; k++) {
                        row[k] += v * (x[i][k] - mean[k]);
                    }
                }
            });
            double trace = 0;
            for (int j = 0; j < d; j++) {
                for (int k = 0; k <= j; k++) {
                    covariance[j][k] /= x.length;
                    covariance[k][j] = covariance[j][k];
                }
                trace += covariance[j][j];
            }
            for (int j = 0; j < d; j++) {
                covariance[j][j] += shrinkage * trace / d;
            }
            double[][] inverse = invert(covariance);
            float[][] precision = new float[d][d];
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    precision[j][k] = (float) inverse[j][k];
                }
            }
            return new MahalanobisHead(classes, shrinkage, means, present, precision, 1.0);
        };
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
    public Head withTemperature(double t) {
        return new MahalanobisHead(classes, shrinkage, means, present, precision, t);
    }

    /** Squared Mahalanobis distance to every class mean (infinite for a class without examples). */
    public double[] distances(float[] features) {
        float[] px = multiply(precision, features);
        double self = dot(features, px);
        double[] distances = new double[classes];
        for (int c = 0; c < classes; c++) {
            distances[c] = present[c] ? self - 2 * dot(precisionMeans[c], features) + meanTerms[c] : Double.POSITIVE_INFINITY;
        }
        return distances;
    }

    @Override
    public double[] logits(float[] features) {
        double[] distances = distances(features);
        double[] logits = new double[classes];
        for (int c = 0; c < classes; c++) {
            // a class never seen gets a very low logit rather than minus infinity, which softmax cannot take
            logits[c] = present[c] ? -0.5 * distances[c] : -1e9;
        }
        return logits;
    }

    /** Minus the smallest squared distance to a class other than {@code excludedClass}. */
    @Override
    public double familiarity(float[] features, int excludedClass) {
        double[] distances = distances(features);
        double best = Double.POSITIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            if (c != excludedClass) {
                best = Math.min(best, distances[c]);
            }
        }
        return -best;
    }

    private static float[] multiply(float[][] matrix, float[] v) {
        float[] out = new float[matrix.length];
        for (int j = 0; j < matrix.length; j++) {
            out[j] = (float) dot(matrix[j], v);
        }
        return out;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** Gauss-Jordan with partial pivoting; the shrunk covariance is symmetric positive definite. */
    static double[][] invert(double[][] matrix) {
        int d = matrix.length;
        double[][] a = new double[d][2 * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(matrix[i], 0, a[i], 0, d);
            a[i][d + i] = 1;
        }
        for (int c = 0; c < d; c++) {
            int pivot = c;
            for (int r = c + 1; r < d; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (a[pivot][c] == 0) {
                throw new IllegalArgumentException("the covariance is singular");
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            double scale = a[c][c];
            for (int k = 0; k < 2 * d; k++) {
                a[c][k] /= scale;
            }
            for (int r = 0; r < d; r++) {
                double factor = a[r][c];
                if (r != c && factor != 0) {
                    for (int k = 0; k < 2 * d; k++) {
                        a[r][k] -= factor * a[c][k];
                    }
                }
            }
        }
        double[][] inverse = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(a[i], d, inverse[i], 0, d);
        }
        return inverse;
    }

    @Override
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(classes);
            out.writeInt(dimension);
            out.writeDouble(shrinkage);
            out.writeDouble(temperature);
            for (int c = 0; c < classes; c++) {
                out.writeBoolean(present[c]);
                for (float v : means[c]) {
                    out.writeFloat(v);
                }
            }
            for (float[] row : precision) {
                for (float v : row) {
                    out.writeFloat(v);
                }
            }
        }
    }

    public static MahalanobisHead read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a Mahalanobis head file");
            }
            int classes = in.readInt();
            int d = in.readInt();
            if (classes < 1 || d < 1 || (long) d * d > 64L << 20) {
                throw new IOException("implausible Mahalanobis head shape " + classes + " x " + d);
            }
            double shrinkage = in.readDouble();
            double temperature = in.readDouble();
            float[][] means = new float[classes][d];
            boolean[] present = new boolean[classes];
            for (int c = 0; c < classes; c++) {
                present[c] = in.readBoolean();
                for (int j = 0; j < d; j++) {
                    means[c][j] = in.readFloat();
                }
            }
            float[][] precision = new float[d][d];
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    precision[j][k] = in.readFloat();
                }
            }
            return new MahalanobisHead(classes, shrinkage, means, present, precision, temperature);
        }
    }
}
