package io.agenthub.slm;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Every example's most similar other examples (cosine similarity of normalised feature vectors), computed
 * once so cross-validation can ask "the nearest neighbours outside these folds" for any split without
 * another pass: nested cross-validation of an out-of-scope rule needs twenty such splits for five folds.
 * With {@code size} well above the neighbours a rule reads, leaving two folds of five out still leaves
 * enough of them ({@link #found} says when not).
 */
public final class NeighbourLists {

    /** Query rows per block: the reference tile is read once for all of them. */
    private static final int QUERIES = 16;
    /** Reference columns per tile: sixteen rows of sums and the tile's vectors stay in the core's cache. */
    private static final int TILE = 512;

    private final int[][] index;
    private final float[][] similarity;

    private NeighbourLists(int[][] index, float[][] similarity) {
        this.index = index;
        this.similarity = similarity;
    }

    /**
     * The {@code size} most similar other examples of every example, best first.
     *
     * @param x the examples' features (normalised here, not in place)
     */
    public static NeighbourLists of(float[][] x, int size) {
        int n = x.length;
        int d = x[0].length;
        int keep = Math.min(size, n - 1);
        // feature-major references: the inner loop is then a multiply-add over consecutive examples,
        // which the JIT vectorises (a dot product's running sum is not)
        float[] references = new float[d * n];
        float[][] queries = new float[n][];
        for (int i = 0; i < n; i++) {
            queries[i] = Features.normalise(x[i].clone());
            for (int j = 0; j < d; j++) {
                references[j * n + i] = queries[i][j];
            }
        }
        int[][] index = new int[n][];
        float[][] similarity = new float[n][];
        int blocks = (n + QUERIES - 1) / QUERIES;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int q0 = block * QUERIES;
            int q1 = Math.min(n, q0 + QUERIES);
            float[][] best = new float[q1 - q0][keep];
            int[][] bestIndex = new int[q1 - q0][keep];
            for (float[] row : best) {
                Arrays.fill(row, Float.NEGATIVE_INFINITY);
            }
            float[][] sums = new float[q1 - q0][TILE];
            for (int j0 = 0; j0 < n; j0 += TILE) {
                int width = Math.min(TILE, n - j0);
                for (float[] sum : sums) {
                    Arrays.fill(sum, 0f);
                }
                // each feature's slice of the tile is read once for all the block's queries
                for (int k = 0; k < d; k++) {
                    int base = k * n + j0;
                    for (int q = q0; q < q1; q++) {
                        float v = queries[q][k];
                        float[] sum = sums[q - q0];
                        for (int j = 0; j < width; j++) {
                            sum[j] += v * references[base + j];
                        }
                    }
                }
                for (int q = q0; q < q1; q++) {
                    float[] sum = sums[q - q0];
                    for (int j = 0; j < width; j++) {
                        if (j0 + j != q) {
                            insert(best[q - q0], bestIndex[q - q0], sum[j], j0 + j);
                        }
                    }
                }
            }
            for (int q = q0; q < q1; q++) {
                index[q] = bestIndex[q - q0];
                similarity[q] = best[q - q0];
            }
        });
        return new NeighbourLists(index, similarity);
    }

    private static void insert(float[] best, int[] bestIndex, float s, int i) {
        int last = best.length - 1;
        if (s <= best[last]) {
            return;
        }
        int at = last;
        while (at > 0 && best[at - 1] < s) {
            best[at] = best[at - 1];
            bestIndex[at] = bestIndex[at - 1];
            at--;
        }
        best[at] = s;
        bestIndex[at] = i;
    }

    /** What the nearest neighbours allowed by a filter say of an example. */
    public record Near(double meanSimilarity, int found) {
    }

    /** Which examples may be neighbours (e.g. in-scope and outside the held-out folds). */
    @FunctionalInterface
    public interface Allowed {
        boolean test(int example);
    }

    /** The mean similarity of example {@code i}'s {@code k} most similar allowed examples, and how many were found. */
    public Near near(int i, int k, Allowed allowed) {
        double sum = 0;
        int found = 0;
        for (int m = 0; m < index[i].length && found < k; m++) {
            if (allowed.test(index[i][m])) {
                sum += similarity[i][m];
                found++;
            }
        }
        return new Near(found == 0 ? 0 : sum / found, found);
    }

    public int size() {
        return index.length;
    }
}
