package io.agenthub.slm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A k-nearest-neighbours head: the training examples' feature vectors themselves, compared by cosine
 * similarity. Each of the {@code k} most similar examples votes for its label with weight
 * {@code exp((similarity - best) / sharpness)}; a class's logit is the log of its votes (plus a small
 * floor so unseen classes stay possible). On bge-small it beat softmax regression, and it errs on
 * other requests than the regression does, which is what an ensemble needs
 * (models/banking77-intent/EXPERIMENTS.md).
 *
 * <p>Familiarity can carry a margin against known out-of-scope requests: with {@code outOfScopeMargin} m above 0,
 * familiarity is the mean similarity of the k nearest in-scope examples minus m times that of the k nearest examples
 * of the out-of-scope class. A request as close to a known out-of-scope one as to any intent's examples then scores
 * low even where the intents' examples are near (models/clinc150-intent/EXPERIMENTS.md).
 *
 * <p>Vectors are stored as int8 with one scale per example (a quarter of the size, cosine error below
 * 1e-3); fitting quantises too, so cross-validation measures exactly what ships. The similarities to all
 * examples are computed from those int8 vectors as stored ({@link QuantizedSimilarities}).
 */
public final class NeighbourHead implements Head, Familiar {

    private static final int MAGIC = 0x41484e4e; // "AHNN"
    private static final double FLOOR = 1e-3;

    private final int classes;
    private final int dimension;
    private final int neighbours;
    private final double sharpness;
    /** Feature-major: {@code vectors[j * n + i] * scales[i]} is feature j of (unit) example i. */
    private final byte[] vectors;
    private final float[] scales;
    private final QuantizedSimilarities similarities;
    private final int[] labels;
    private final double temperature;
    private final double outOfScopeMargin;

    private NeighbourHead(int classes, int dimension, int neighbours, double sharpness, byte[] vectors, float[] scales,
                          int[] labels, double temperature) {
        this(classes, dimension, neighbours, sharpness, vectors, scales, labels,
                new QuantizedSimilarities(vectors, scales, dimension), temperature, 0);
    }

    private NeighbourHead(int classes, int dimension, int neighbours, double sharpness, byte[] vectors, float[] scales,
                          int[] labels, QuantizedSimilarities similarities, double temperature, double outOfScopeMargin) {
        this.classes = classes;
        this.dimension = dimension;
        this.neighbours = neighbours;
        this.sharpness = sharpness;
        this.vectors = vectors;
        this.scales = scales;
        this.labels = labels;
        this.temperature = temperature;
        this.similarities = similarities;
        this.outOfScopeMargin = outOfScopeMargin;
    }

    /** The fitter: remembers the (normalised, quantised) examples. */
    public static Head.Fitter fitter(int neighbours, double sharpness) {
        return fitter(neighbours, sharpness, 0);
    }

    /** The fitter of a head whose familiarity has a margin against the out-of-scope class (0: none). */
    public static Head.Fitter fitter(int neighbours, double sharpness, double outOfScopeMargin) {
        if (neighbours < 1 || sharpness <= 0) {
            throw new IllegalArgumentException("neighbours must be at least 1 and sharpness above 0");
        }
        if (!(outOfScopeMargin >= 0)) {
            throw new IllegalArgumentException("the out-of-scope margin must be 0 or more");
        }
        return (x, y, classes) -> {
            int n = x.length;
            int d = x[0].length;
            byte[] vectors = new byte[n * d];
            float[] scales = new float[n];
            for (int i = 0; i < n; i++) {
                float[] unit = Features.normalise(x[i].clone());
                float max = 1e-12f;
                for (float v : unit) {
                    max = Math.max(max, Math.abs(v));
                }
                scales[i] = max / 127f;
                for (int j = 0; j < d; j++) {
                    vectors[j * n + i] = (byte) Math.round(unit[j] / scales[i]);
                }
            }
            return new NeighbourHead(classes, d, neighbours, sharpness, vectors, scales, y.clone(),
                    new QuantizedSimilarities(vectors, scales, d), 1.0, outOfScopeMargin);
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
        return new NeighbourHead(classes, dimension, neighbours, sharpness, vectors, scales, labels, similarities, t,
                outOfScopeMargin);
    }

    /** The same head with familiarity's margin against the out-of-scope class (the card's, not in the head file). */
    public NeighbourHead withOutOfScopeMargin(double margin) {
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("the out-of-scope margin must be 0 or more");
        }
        return new NeighbourHead(classes, dimension, neighbours, sharpness, vectors, scales, labels, similarities, temperature,
                margin);
    }

    @Override
    public double[] logits(float[] features) {
        float[] similarity = similarities(features);
        int k = Math.min(neighbours, labels.length);
        double[] topSimilarity = new double[k];
        int[] topIndex = new int[k];
        top(similarity, i -> true, topSimilarity, topIndex);
        double[] votes = new double[classes];
        double total = 0;
        for (int m = 0; m < k; m++) {
            double weight = Math.exp((topSimilarity[m] - topSimilarity[0]) / sharpness);
            votes[labels[topIndex[m]]] += weight;
            total += weight;
        }
        double floor = FLOOR * total / classes;
        double[] logits = new double[classes];
        for (int c = 0; c < classes; c++) {
            logits[c] = Math.log(votes[c] + floor);
        }
        return logits;
    }

    /**
     * How familiar the request looks to the out-of-scope rule: {@link #nearestSimilarity}, less the margin times the
     * mean similarity of its {@code k} most similar examples of {@code excludedClass} (the out-of-scope class) when
     * the head has a margin. Requests unlike anything the intents were trained on, or as like known out-of-scope
     * requests as like them, score low, whatever the softmax says.
     */
    @Override
    public double familiarity(float[] features, int excludedClass) {
        float[] similarity = similarities(features);
        double inScope = meanOfNearest(similarity, i -> labels[i] != excludedClass);
        if (outOfScopeMargin == 0 || excludedClass < 0) {
            return inScope;
        }
        return inScope - outOfScopeMargin * meanOfNearest(similarity, i -> labels[i] == excludedClass);
    }

    /**
     * The mean cosine similarity of the request's {@code k} most similar training examples outside
     * {@code excludedClass} (-1: none excluded), without any margin: what a tier's familiarity gate reads.
     */
    public double nearestSimilarity(float[] features, int excludedClass) {
        return meanOfNearest(similarities(features), i -> labels[i] != excludedClass);
    }

    private double meanOfNearest(float[] similarity, java.util.function.IntPredicate counted) {
        int k = Math.min(neighbours, labels.length);
        double[] topSimilarity = new double[k];
        int[] topIndex = new int[k];
        int found = top(similarity, counted, topSimilarity, topIndex);
        double sum = 0;
        for (int m = 0; m < found; m++) {
            sum += topSimilarity[m];
        }
        return found == 0 ? 0 : sum / found;
    }

    private float[] similarities(float[] features) {
        return similarities.of(Features.normalise(features.clone()));
    }

    /** Fills the most similar of the {@code counted} examples (best first); returns how many. */
    private int top(float[] similarity, java.util.function.IntPredicate counted, double[] topSimilarity, int[] topIndex) {
        int k = topSimilarity.length;
        java.util.Arrays.fill(topSimilarity, Double.NEGATIVE_INFINITY);
        int found = 0;
        for (int i = 0; i < similarity.length; i++) {
            double s = similarity[i];
            if (s <= topSimilarity[k - 1] || !counted.test(i)) {
                continue;
            }
            int at = k - 1;
            while (at > 0 && topSimilarity[at - 1] < s) {
                topSimilarity[at] = topSimilarity[at - 1];
                topIndex[at] = topIndex[at - 1];
                at--;
            }
            topSimilarity[at] = s;
            topIndex[at] = i;
            found = Math.min(k, found + 1);
        }
        return found;
    }

    @Override
    public void write(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(MAGIC);
            out.writeInt(classes);
            out.writeInt(dimension);
            out.writeInt(labels.length);
            out.writeInt(neighbours);
            out.writeDouble(sharpness);
            out.writeDouble(temperature);
            for (int i = 0; i < labels.length; i++) {
                out.writeShort(labels[i]);
                out.writeFloat(scales[i]);
            }
            out.write(vectors);
        }
    }

    public static NeighbourHead read(InputStream source) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(source))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a nearest-neighbours head file");
            }
            int classes = in.readInt();
            int dimension = in.readInt();
            int n = in.readInt();
            int neighbours = in.readInt();
            double sharpness = in.readDouble();
            double temperature = in.readDouble();
            int[] labels = new int[n];
            float[] scales = new float[n];
            for (int i = 0; i < n; i++) {
                labels[i] = in.readShort();
                scales[i] = in.readFloat();
            }
            byte[] vectors = new byte[n * dimension];
            in.readFully(vectors);
            return new NeighbourHead(classes, dimension, neighbours, sharpness, vectors, scales, labels, temperature);
        }
    }
}
