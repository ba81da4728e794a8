import io.agenthub.slm.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import java.util.stream.*;

/** Mahalanobis (class means, shared covariance) scores under nested CV, from per-fold sufficient statistics. */
public class Maha {
    static final int K = 5;
    public static void main(String[] a) throws Exception {
        String enc = a[0]; double shrink = Double.parseDouble(a[1]);
        List<Path> files = new ArrayList<>();
        for (String s : List.of("train", "val", "oos_train", "oos_val")) files.add(Path.of("datasets/clinc150/" + s + ".jsonl"));
        LabelledData dl = LabelledData.read(files);
        List<String> labels = new ArrayList<>(new TreeSet<>(dl.examples().stream().map(LabelledData.Example::label).toList()));
        int n = dl.examples().size(), C = labels.size(), oosIdx = labels.indexOf("oos");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels.indexOf(dl.examples().get(i).label());
        int[] fold = StratifiedFolds.assign(y, C, K, 42);
        float[][] xf = Explore.load(enc);
        int d = xf[0].length;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) x[i][j] = xf[i][j];
        double[][][] S = new double[K][C][d]; int[][] cnt = new int[K][C];
        double[][][] M = new double[K][d][d];
        for (int f = 0; f < K; f++) { int ff = f;
            IntStream.range(0, d).parallel().forEach(j -> { for (int i = 0; i < n; i++) { if (fold[i] != ff || y[i] == oosIdx) continue; double v = x[i][j]; double[] row = M[ff][j]; double[] xi = x[i]; for (int k = 0; k <= j; k++) row[k] += v * xi[k]; } });
            for (int i = 0; i < n; i++) { if (fold[i] != f || y[i] == oosIdx) continue; cnt[f][y[i]]++; for (int j = 0; j < d; j++) S[f][y[i]][j] += x[i][j]; }
        }
        System.err.println("stats done");
        double[] outer = new double[n]; double[][] inner = new double[K][n]; int[] lda = new int[n];
        for (int f = 0; f < K; f++) {
            score(new int[]{f}, f, -1, x, y, fold, S, cnt, M, C, oosIdx, shrink, outer, lda);
            for (int g = 0; g < K; g++) if (g != f) score(new int[]{f, g}, g, f, x, y, fold, S, cnt, M, C, oosIdx, shrink, inner[f], null);
            System.err.println("fold " + f);
        }
        int right = 0, inN = 0;
        for (int i = 0; i < n; i++) if (y[i] != oosIdx) { inN++; right += lda[i] == y[i] ? 1 : 0; }
        System.err.printf("LDA in-scope accuracy %.4f%n", (double) right / inN);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/clinc/maha-" + enc + "-" + shrink + ".bin")))) {
            out.writeInt(n);
            for (int i = 0; i < n; i++) { out.writeDouble(outer[i]); out.writeInt(lda[i]); }
            for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) out.writeDouble(inner[f][i]);
        }
    }
    /** fit on folds not in excluded; score examples of fold 'target' into out[i] (= -min distance). */
    static void score(int[] excluded, int target, int unused, double[][] x, int[] y, int[] fold, double[][][] S, int[][] cnt, double[][][] M,
                      int C, int oosIdx, double shrink, double[] out, int[] lda) {
        int d = x[0].length, K = S.length;
        Set<Integer> ex = new HashSet<>(); for (int e : excluded) ex.add(e);
        double[][] mu = new double[C][d]; int[] N = new int[C]; int total = 0;
        double[][] W = new double[d][d];
        for (int f = 0; f < K; f++) { if (ex.contains(f)) continue;
            for (int c = 0; c < C; c++) { N[c] += cnt[f][c]; for (int j = 0; j < d; j++) mu[c][j] += S[f][c][j]; }
            for (int j = 0; j < d; j++) for (int k = 0; k <= j; k++) W[j][k] += M[f][j][k]; }
        for (int c = 0; c < C; c++) { total += N[c]; if (N[c] > 0) for (int j = 0; j < d; j++) mu[c][j] /= N[c]; }
        for (int c = 0; c < C; c++) { if (N[c] == 0) continue; double[] m = mu[c]; int nc = N[c];
            for (int j = 0; j < d; j++) { double v = nc * m[j]; for (int k = 0; k <= j; k++) W[j][k] -= v * m[k]; } }
        double tr = 0;
        for (int j = 0; j < d; j++) { for (int k = 0; k <= j; k++) { W[j][k] /= total; W[k][j] = W[j][k]; } tr += W[j][j]; }
        for (int j = 0; j < d; j++) W[j][j] += shrink * tr / d;
        double[][] P = invert(W);
        double[][] Pm = new double[C][d]; double[] mPm = new double[C];
        for (int c = 0; c < C; c++) { if (N[c] == 0) continue; for (int j = 0; j < d; j++) { double s = 0; for (int k = 0; k < d; k++) s += P[j][k] * mu[c][k]; Pm[c][j] = s; }
            double s = 0; for (int j = 0; j < d; j++) s += mu[c][j] * Pm[c][j]; mPm[c] = s; }
        IntStream.range(0, x.length).parallel().forEach(i -> {
            if (fold[i] != target) return;
            double[] xi = x[i]; double xPx = 0;
            for (int j = 0; j < d; j++) { double s = 0; double[] Pj = P[j]; for (int k = 0; k < d; k++) s += Pj[k] * xi[k]; xPx += s * xi[j]; }
            double best = Double.MAX_VALUE; int arg = -1;
            for (int c = 0; c < C; c++) { if (N[c] == 0) continue; double s = 0; double[] pm = Pm[c]; for (int j = 0; j < d; j++) s += pm[j] * xi[j];
                double dist = xPx - 2 * s + mPm[c]; if (dist < best) { best = dist; arg = c; } }
            out[i] = -best; if (lda != null) lda[i] = arg;
        });
    }
    static double[][] invert(double[][] A) {
        int d = A.length; double[][] a = new double[d][2 * d];
        for (int i = 0; i < d; i++) { System.arraycopy(A[i], 0, a[i], 0, d); a[i][d + i] = 1; }
        for (int c = 0; c < d; c++) { int p = c; for (int r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] t = a[c]; a[c] = a[p]; a[p] = t; double v = a[c][c]; for (int k = 0; k < 2 * d; k++) a[c][k] /= v;
            for (int r = 0; r < d; r++) { if (r == c) continue; double m = a[r][c]; if (m == 0) continue; for (int k = 0; k < 2 * d; k++) a[r][k] -= m * a[c][k]; } }
        double[][] inv = new double[d][d]; for (int i = 0; i < d; i++) System.arraycopy(a[i], d, inv[i], 0, d); return inv;
    }
}
