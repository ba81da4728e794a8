import java.io.*;
import java.util.*;
import java.util.stream.*;

/** Nested-CV operating points for out-of-scope rules over cached scores (high score = in scope). */
public class Analyse {
    static final int K = 5;
    static int n; static int[] y, fold; static boolean[] oos; static int oosIndex = 80;
    static Map<String, double[]> outer = new LinkedHashMap<>(); static Map<String, double[][]> inner = new LinkedHashMap<>();
    static int[] pred;

    static void readKnn(String enc) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream("/tmp/clinc/knn-" + enc + ".bin")))) {
            n = in.readInt(); int E = in.readInt();
            y = new int[n]; fold = new int[n];
            for (int i = 0; i < n; i++) { y[i] = in.readInt(); fold[i] = in.readInt(); }
            for (String s : List.of("fam", "near")) { double[] o = new double[n]; double[][] q = new double[K][n];
                for (int i = 0; i < n; i++) o[i] = in.readDouble();
                for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) q[f][i] = in.readDouble();
                outer.put(s + ":" + enc, o); inner.put(s + ":" + enc, q); }
        }
    }
    static void readKnn2(String enc) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream("/tmp/clinc/knn2-" + enc + ".bin")))) {
            n = in.readInt(); int E = in.readInt(); int S = in.readInt();
            y = new int[n]; fold = new int[n];
            for (int i = 0; i < n; i++) { y[i] = in.readInt(); fold[i] = in.readInt(); }
            String[] names = {"k1", "k3", "k5", "k10", "k20", "oos1", "oos3"};
            for (String s : names) { double[] o = new double[n]; double[][] q = new double[K][n];
                for (int i = 0; i < n; i++) o[i] = in.readDouble();
                for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) q[f][i] = in.readDouble();
                outer.put(s + ":" + enc, o); inner.put(s + ":" + enc, q); }
        }
    }
    static void readMaha(String name) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new FileInputStream("/tmp/clinc/" + name + ".bin")))) {
            in.readInt(); double[] o = new double[n]; int[] p = new int[n]; double[][] q = new double[K][n];
            for (int i = 0; i < n; i++) { o[i] = in.readDouble(); p[i] = in.readInt(); }
            for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) q[f][i] = in.readDouble();
            outer.put(name, o); inner.put(name, q); if (pred == null) pred = p;
        }
    }
    public static void main(String[] a) throws Exception {
        if (a[0].equals("-")) {
            java.util.List<java.nio.file.Path> files = new ArrayList<>();
            for (String s : List.of("train", "val", "oos_train", "oos_val")) files.add(java.nio.file.Path.of("datasets/clinc150/" + s + ".jsonl"));
            var dl = io.agenthub.slm.LabelledData.read(files);
            List<String> labels = new ArrayList<>(new TreeSet<>(dl.examples().stream().map(io.agenthub.slm.LabelledData.Example::label).toList()));
            n = dl.examples().size(); y = new int[n];
            for (int i = 0; i < n; i++) y[i] = labels.indexOf(dl.examples().get(i).label());
            fold = io.agenthub.slm.StratifiedFolds.assign(y, labels.size(), K, 42);
        } else for (String e : a[0].split(",")) { if (e.startsWith("2:")) readKnn2(e.substring(2)); else readKnn(e); }
        if (a.length > 1) for (String m : a[1].split(",")) readMaha(m);
        oos = new boolean[n]; for (int i = 0; i < n; i++) oos[i] = y[i] == oosIndex;
        if (pred == null) pred = y.clone();
        int inRight = 0, inN = 0;
        for (int i = 0; i < n; i++) if (!oos[i]) { inN++; inRight += pred[i] == y[i] ? 1 : 0; }
        System.out.printf("classifier (LDA proxy) in-scope accuracy without rejection %.4f%n", (double) inRight / inN);
        if (a.length > 2) { combo(a[2].split(",")); return; }
        if (System.getenv("FIXED") != null) { String[] fx = System.getenv("FIXED").split("@"); double t = Double.parseDouble(fx[1]); double[] o = outer.get(fx[0]);
            int c = 0, r = 0; for (int i = 0; i < n; i++) { if (oos[i]) c += o[i] < t ? 1 : 0; else r += o[i] < t ? 1 : 0; }
            System.out.printf("%s below %.3f: out-of-scope recall %.4f, in-scope rejected %.4f%n", fx[0], t, c / 200.0, r / (double) (n - 200)); return; }
        if (System.getenv("ONLY") != null) { for (String s : System.getenv("ONLY").split(",")) report(s, (i, f) -> f < 0 ? outer.get(s)[i] : inner.get(s)[f][i]); return; }
        for (String s : outer.keySet()) report(s, (i, f) -> f < 0 ? outer.get(s)[i] : inner.get(s)[f][i]);
        // z-scored sums: standardise each source by the in-scope distribution of its outer scores
        List<String> fams = outer.keySet().stream().filter(s -> !s.startsWith("near")).toList();
        if (fams.size() > 1) {
            Map<String, double[]> ms = new HashMap<>();
            for (String s : fams) { double[] o = outer.get(s); double m = 0, v = 0; int c = 0; for (int i = 0; i < n; i++) if (!oos[i]) { m += o[i]; c++; } m /= c;
                for (int i = 0; i < n; i++) if (!oos[i]) v += (o[i] - m) * (o[i] - m); ms.put(s, new double[]{m, Math.sqrt(v / c)}); }
            report("z-mean of " + fams, (i, f) -> { double t = 0; for (String s : fams) { double v = f < 0 ? outer.get(s)[i] : inner.get(s)[f][i]; t += (v - ms.get(s)[0]) / ms.get(s)[1]; } return t; });
        }
    }
    /** logistic combiner per outer fold, fitted on the training part's inner scores (class-balanced). */
    static void combo(String[] names) {
        int m = names.length;
        double[][] w = new double[K][];
        for (int f = 0; f < K; f++) {
            List<double[]> rows = new ArrayList<>(); List<Integer> lab = new ArrayList<>();
            for (int i = 0; i < n; i++) if (fold[i] != f) { double[] r = new double[m]; for (int k = 0; k < m; k++) r[k] = inner.get(names[k])[f][i]; rows.add(r); lab.add(oos[i] ? 0 : 1); }
            w[f] = logistic(rows, lab);
            System.out.println("fold " + f + " weights " + Arrays.toString(w[f]));
        }
        report("combo " + Arrays.toString(names), (i, f) -> { int wf = f < 0 ? fold[i] : f; double[] ww = w[wf]; double z = ww[m];
            for (int k = 0; k < m; k++) z += ww[k] * (f < 0 ? outer.get(names[k])[i] : inner.get(names[k])[f][i]); return z; });
    }
    static double[] logistic(List<double[]> rows, List<Integer> lab) {
        int m = rows.get(0).length, N = rows.size();
        double[] mu = new double[m], sd = new double[m];
        for (double[] r : rows) for (int k = 0; k < m; k++) mu[k] += r[k] / N;
        for (double[] r : rows) for (int k = 0; k < m; k++) sd[k] += (r[k] - mu[k]) * (r[k] - mu[k]) / N;
        for (int k = 0; k < m; k++) sd[k] = Math.sqrt(sd[k]);
        long pos = lab.stream().filter(v -> v == 1).count(); double wp = N / (2.0 * pos), wn = N / (2.0 * (N - pos));
        double[] w = new double[m + 1];
        for (int it = 0; it < 2000; it++) {
            double[] g = new double[m + 1];
            for (int i = 0; i < N; i++) { double[] r = rows.get(i); double z = w[m]; for (int k = 0; k < m; k++) z += w[k] * (r[k] - mu[k]) / sd[k];
                double p = 1 / (1 + Math.exp(-z)); double wt = lab.get(i) == 1 ? wp : wn; double e = wt * (p - lab.get(i));
                for (int k = 0; k < m; k++) g[k] += e * (r[k] - mu[k]) / sd[k]; g[m] += e; }
            for (int k = 0; k <= m; k++) w[k] -= 0.5 * (g[k] / N + (k < m ? 1e-3 * w[k] : 0));
        }
        double[] out = new double[m + 1]; double b = w[m];
        for (int k = 0; k < m; k++) { out[k] = w[k] / sd[k]; b -= w[k] * mu[k] / sd[k]; } out[m] = b; return out;
    }
    interface Score { double of(int i, int f); }

    static void report(String name, Score score) {
        double[] o = new double[n];
        for (int i = 0; i < n; i++) o[i] = score.of(i, -1);
        System.out.printf("%n%s: AUROC %.4f%n  target  in-scope acc mean [min,max]  rejected-in  oos recall mean [min,max]   pooled recall 95%% CI%n", name, auroc(o));
        for (double r : new double[]{0.90, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98}) {
            double[] acc = new double[K], rec = new double[K]; int caught = 0, rejIn = 0, inN = 0;
            for (int f = 0; f < K; f++) {
                List<Double> tr = new ArrayList<>();
                for (int i = 0; i < n; i++) if (oos[i] && fold[i] != f) tr.add(score.of(i, f));
                Collections.sort(tr);
                int need = (int) Math.ceil(r * tr.size());
                double t = need >= tr.size() ? tr.get(tr.size() - 1) + 1e-9 : (tr.get(need - 1) + tr.get(need)) / 2;
                int fi = 0, fr = 0, fo = 0, fc = 0;
                for (int i = 0; i < n; i++) {
                    if (fold[i] != f) continue;
                    boolean rej = o[i] < t;
                    if (oos[i]) { fo++; fc += rej ? 1 : 0; } else { fi++; fr += !rej && pred[i] == y[i] ? 1 : 0; rejIn += rej ? 1 : 0; }
                }
                acc[f] = (double) fr / fi; rec[f] = (double) fc / fo; caught += fc; inN += fi;
            }
            double[] ci = wilson(caught, 200);
            System.out.printf("  %.2f   %.4f [%.4f,%.4f]   %.4f   %.4f [%.3f,%.3f]   %.3f [%.3f,%.3f]%n", r, mean(acc), min(acc), max(acc),
                    (double) rejIn / inN, mean(rec), min(rec), max(rec), caught / 200.0, ci[0], ci[1]);
        }
    }
    static double mean(double[] v) { return Arrays.stream(v).average().getAsDouble(); }
    static double min(double[] v) { return Arrays.stream(v).min().getAsDouble(); }
    static double max(double[] v) { return Arrays.stream(v).max().getAsDouble(); }
    static double[] wilson(int k, int m) { double z = 1.96, p = (double) k / m, d = 1 + z * z / m, c = (p + z * z / (2 * m)) / d,
            h = z * Math.sqrt(p * (1 - p) / m + z * z / (4.0 * m * m)) / d; return new double[]{c - h, c + h}; }
    static double auroc(double[] s) {
        Integer[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> s[i])).toArray(Integer[]::new);
        double rankSum = 0; long pos = 0, neg = 0;
        for (int r = 0; r < n; r++) { if (!oos[order[r]]) { rankSum += r + 1; pos++; } else neg++; }
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
