import io.agenthub.slm.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;

/** Binary in-scope/out-of-scope logistic regression under nested CV: score = in-scope logit margin. */
public class Sup {
    static final int K = 5;
    public static void main(String[] a) throws Exception {
        String[] encs = a[0].split("\\+"); double l2 = Double.parseDouble(a[1]);
        List<Path> files = new ArrayList<>();
        for (String s : List.of("train", "val", "oos_train", "oos_val")) files.add(Path.of("datasets/clinc150/" + s + ".jsonl"));
        LabelledData dl = LabelledData.read(files);
        List<String> labels = new ArrayList<>(new TreeSet<>(dl.examples().stream().map(LabelledData.Example::label).toList()));
        int n = dl.examples().size(), C = labels.size(), oosIdx = labels.indexOf("oos");
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = labels.indexOf(dl.examples().get(i).label());
        int[] fold = StratifiedFolds.assign(y, C, K, 42);
        List<float[][]> parts = new ArrayList<>();
        for (String e : encs) parts.add(Explore.load(e));
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) { int ii = i; x[i] = Features.concat(parts.stream().map(p -> p[ii]).toList()); }
        int[] b = new int[n];
        for (int i = 0; i < n; i++) b[i] = y[i] == oosIdx ? 1 : 0;
        double[] outer = new double[n]; double[][] inner = new double[K][n];
        for (int f = 0; f < K; f++) {
            fit(x, b, fold, new int[]{f}, f, l2, outer);
            for (int g = 0; g < K; g++) if (g != f) fit(x, b, fold, new int[]{f, g}, g, l2, inner[f]);
            System.err.println("fold " + f);
        }
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/clinc/sup-" + a[0] + "-" + a[1] + ".bin")))) {
            out.writeInt(n);
            for (int i = 0; i < n; i++) { out.writeDouble(outer[i]); out.writeInt(-1); }
            for (int f = 0; f < K; f++) for (int i = 0; i < n; i++) out.writeDouble(inner[f][i]);
        }
    }
    static void fit(float[][] x, int[] b, int[] fold, int[] excluded, int target, double l2, double[] out) {
        List<Integer> tr = new ArrayList<>();
        for (int i = 0; i < x.length; i++) { boolean ex = false; for (int e : excluded) ex |= fold[i] == e; if (!ex) tr.add(i); }
        LinearHead h = new SoftmaxRegression(l2, 300).fit(tr.stream().map(i -> x[i]).toArray(float[][]::new), tr.stream().mapToInt(i -> b[i]).toArray(), 2);
        for (int i = 0; i < x.length; i++) if (fold[i] == target) { double[] z = h.logits(x[i]); out[i] = z[0] - z[1]; }
    }
}
