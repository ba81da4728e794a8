import io.agenthub.slm.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/** Exploration of out-of-scope scores under nested CV. Vectors from /tmp/clinc/<enc>.bin (train, val, oos_train, oos_val order). */
public class Explore {
    static final int K = 5, NN = 64, KF = 10;
    static int n; static int[] y; static boolean[] oos; static int[] fold; static int classes;

    static float[][] load(String enc) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream("/tmp/clinc/" + enc + ".bin")))) {
            int n = in.readInt(), d = in.readInt();
            float[][] x = new float[n][d];
            for (float[] r : x) { for (int j = 0; j < d; j++) r[j] = in.readFloat(); Features.normalise(r); }
            return x;
        }
    }
    static float dot(float[] a, float[] b) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0; int j = 0;
        for (; j + 3 < a.length; j += 4) { s0 += a[j] * b[j]; s1 += a[j+1] * b[j+1]; s2 += a[j+2] * b[j+2]; s3 += a[j+3] * b[j+3]; }
        for (; j < a.length; j++) s0 += a[j] * b[j];
        return s0 + s1 + s2 + s3;
    }
    /** top NN neighbours (excluding self) of every example: idx and sim. Cached. */
    static int[][] nnIdx; static float[][] nnSim;
    static void neighbours(String enc, float[][] x) throws IOException {
        Path cache = Path.of("/tmp/clinc/nn-" + enc + ".bin");
        int n = x.length;
        int[][] idx = new int[n][NN]; float[][] sim = new float[n][NN];
        if (Files.exists(cache)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(cache)))) {
                for (int i = 0; i < n; i++) for (int m = 0; m < NN; m++) { idx[i][m] = in.readInt(); sim[i][m] = in.readFloat(); }
            }
        } else {
            NeighbourLists lists = NeighbourLists.of(x, NN);
            try {
                var fi = NeighbourLists.class.getDeclaredField("index"); fi.setAccessible(true);
                var fs = NeighbourLists.class.getDeclaredField("similarity"); fs.setAccessible(true);
                int[][] li = (int[][]) fi.get(lists); float[][] ls = (float[][]) fs.get(lists);
                for (int i = 0; i < n; i++) { idx[i] = li[i]; sim[i] = ls[i]; }
            } catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(cache)))) {
                for (int i = 0; i < n; i++) for (int m = 0; m < NN; m++) { out.writeInt(idx[i][m]); out.writeFloat(sim[i][m]); }
            }
        }
        nnIdx = idx; nnSim = sim;
    }
    /** familiarity of i: mean top-KF in-scope sims with fold not excluded; second: max sim to an oos neighbour (or lowest listed). */
    static double[] knnScores(int i, int ex1, int ex2, int[][] idx, float[][] sim) {
        double sum = 0; int found = 0; double oosBest = Double.NaN;
        for (int m = 0; m < NN; m++) {
            int j = idx[i][m]; int f = fold[j];
            if (f == ex1 || f == ex2) continue;
            if (oos[j]) { if (Double.isNaN(oosBest)) oosBest = sim[i][m]; continue; }
            if (found < KF) { sum += sim[i][m]; found++; }
        }
        if (Double.isNaN(oosBest)) oosBest = sim[i][NN - 1];
        return new double[]{found == 0 ? 0 : sum / found, oosBest};
    }

    public static void main(String[] a) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String s : List.of("train", "val", "oos_train", "oos_val")) files.add(Path.of("datasets/clinc150/" + s + ".jsonl"));
        LabelledData d = LabelledData.read(files);
        List<String> labels = new ArrayList<>(new TreeSet<>(d.examples().stream().map(LabelledData.Example::label).toList()));
        classes = labels.size();
        int oosIndex = labels.indexOf("oos");
        n = d.examples().size();
        y = new int[n]; oos = new boolean[n];
        for (int i = 0; i < n; i++) { y[i] = labels.indexOf(d.examples().get(i).label()); oos[i] = y[i] == oosIndex; }
        fold = StratifiedFolds.assign(y, classes, K, 42);
        String[] encs = a;
        int E = encs.length;
        // scores[e][s][i]: outer OOF scores (excluding own fold) ; inner[e][s][f][i]: for i not in f, excluding f and fold[i]
        double[][][] outer = new double[E][2][n];
        double[][][][] inner = new double[E][2][K][n];
        for (int e = 0; e < E; e++) {
            float[][] x = load(encs[e]);
            long t0 = System.currentTimeMillis();
            neighbours(encs[e], x);
            System.err.println(encs[e] + " neighbours " + (System.currentTimeMillis() - t0) / 1000 + "s");
            for (int i = 0; i < n; i++) {
                double[] s = knnScores(i, fold[i], -1, nnIdx, nnSim);
                outer[e][0][i] = s[0]; outer[e][1][i] = s[1];
                for (int f = 0; f < K; f++) {
                    if (f == fold[i]) continue;
                    double[] t = knnScores(i, fold[i], f, nnIdx, nnSim);
                    inner[e][0][f][i] = t[0]; inner[e][1][f][i] = t[1];
                }
            }
        }
        // write scores for the analysis step
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/clinc/knn-" + String.join("+", encs) + ".bin")))) {
            out.writeInt(n); out.writeInt(E);
            for (int i = 0; i < n; i++) { out.writeInt(y[i]); out.writeInt(fold[i]); }
            for (int e = 0; e < E; e++) for (int s = 0; s < 2; s++) { for (int i = 0; i < n; i++) out.writeDouble(outer[e][s][i]);
                for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) out.writeDouble(inner[e][s][f][i]); }
        }
        // quick look: AUROC of outer familiarity per encoder and of the mean
        for (int e = 0; e < E; e++) System.out.printf("%s fam AUROC %.4f  fam-oosNear AUROC %.4f%n", encs[e], auroc(outer[e][0]),
                auroc(IntStream.range(0, n).mapToDouble(i -> outer[0][0][i] - 0 * outer[0][1][i]).toArray()));
    }
    /** AUROC of score (high = in scope) separating in-scope from oos. */
    static double auroc(double[] s) {
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> s[i])).toArray(Integer[]::new);
        long rankSum = 0; long pos = 0; long neg = 0;
        for (int r = 0; r < n; r++) { if (!oos[order[r]]) { rankSum += r + 1; pos++; } else neg++; }
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
