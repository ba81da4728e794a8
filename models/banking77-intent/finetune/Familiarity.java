import io.agenthub.app.JsonMapper;
import io.agenthub.slm.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;
import com.fasterxml.jackson.databind.*;

/**
 * Out-of-fold familiarity, as a tier's familiarity gate (minFamiliarity) reads it: a nearest-neighbour model version's
 * head refitted on four of the hub's five folds (the folds train and eval use), each held-out text's mean cosine
 * similarity to its nearest training examples; and every probe's, under the model as shipped and under each fold's head.
 * Writes JSON lines {"set":"train",...} and {"set":"probe",...}. The ninth round of ../EXPERIMENTS.md chose the gate on
 * them (gate_and_selection.py); its usage is in ../finetune/README.md.
 *
 * usage: java -cp "$CP:." Familiarity MODEL_VERSION_DIR TRAIN_DATA PROBES.jsonl OUT.jsonl
 */
public class Familiarity {
    public static void main(String[] a) throws Exception {
        Path version = Path.of(a[0]); Path data = Path.of(a[1]); Path probes = Path.of(a[2]); Path out = Path.of(a[3]);
        ObjectMapper json = JsonMapper.create();
        try (EncoderCatalog catalog = new EncoderCatalog()) {
            IntentModel model = IntentModel.load(IntentModel.VersionFiles.in(version), json, catalog);
            LabelledData d = LabelledData.read(List.of(data));
            List<String> labels = model.card().labels();
            int[] y = d.labelIndices(labels);
            List<String> texts = d.texts();
            List<String> probeTexts = new ArrayList<>(); List<String> probeIds = new ArrayList<>();
            for (String line : Files.readAllLines(probes)) { if (line.isBlank()) continue; JsonNode n = json.readTree(line); probeIds.add(n.get("id").asText()); probeTexts.add(n.get("text").asText()); }
            float[][] x = Features.of(model.encoders(), texts, i -> {});
            float[][] px = Features.of(model.encoders(), probeTexts, i -> {});
            long seed = model.card().crossValidation().seed();
            int[] fold = StratifiedFolds.assign(y, labels.size(), 5, seed);
            double[] oof = new double[texts.size()];
            double[][] probeFam = new double[5][px.length];
            for (int f = 0; f < 5; f++) {
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < y.length; i++) if (fold[i] != f) rows.add(i);
                int[] ry = rows.stream().mapToInt(i -> y[i]).toArray();
                Head head = model.card().head().fitter().fit(rows.stream().map(i -> x[i]).toArray(float[][]::new), ry, labels.size());
                IntentModel m = new IntentModel(model.card(), head, model.encoders());
                for (int i = 0; i < y.length; i++) if (fold[i] == f) oof[i] = m.nearestFamiliarity(x[i]);
                for (int i = 0; i < px.length; i++) probeFam[f][i] = m.nearestFamiliarity(px[i]);
                System.err.println("fold " + f);
            }
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out))) {
                for (int i = 0; i < y.length; i++) w.printf("{\"set\":\"train\",\"i\":%d,\"fold\":%d,\"label\":\"%s\",\"fam\":%.6f}%n", i, fold[i], labels.get(y[i]), oof[i]);
                for (int i = 0; i < px.length; i++) { w.printf("{\"set\":\"probe\",\"id\":\"%s\",\"fam\":%.6f,\"perFold\":[", probeIds.get(i), model.nearestFamiliarity(px[i]));
                    for (int f = 0; f < 5; f++) w.printf("%s%.6f", f == 0 ? "" : ",", probeFam[f][i]); w.println("]}"); }
            }
        }
    }
}
