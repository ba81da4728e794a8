import ai.djl.huggingface.tokenizers.*;
import io.agenthub.slm.*;
import java.nio.file.*;
import java.util.*;
import java.io.*;

/**
 * Writes, for each training example, its label, its fold (the cascade's own: 5 folds, seed 42) and the
 * bge-small token ids the hub's tokenizer gives, plus the hub's CLS vector for the first 20 (a check that
 * the torch model computes what the hub does). Args: tokenizer.json, train.csv, out.jsonl.
 */
public class DumpIds {
    public static void main(String[] a) throws Exception {
        // args: tokenizer.json, csv, out.jsonl
        var tok = HuggingFaceTokenizer.newInstance(Paths.get(a[0]), Map.of("truncation","true","maxLength","128","padding","false"));
        {
            var data = io.agenthub.slm.LabelledData.read(List.of(Path.of(a[1])));
            var enc = EncoderCatalog.find("bge-small-en-v1.5").orElseThrow();
            var e = new OnnxEncoder(enc);
            List<String> labs = new ArrayList<>(new TreeSet<>(data.examples().stream().map(x -> x.label()).toList()));
            int[] yy = data.examples().stream().mapToInt(x -> labs.indexOf(x.label())).toArray();
            int[] fold = StratifiedFolds.assign(yy, labs.size(), 5, 42L);
            try (var w = new PrintWriter(a[2])) {
                for (int i = 0; i < data.examples().size(); i++) {
                    long[] ids = tok.encode(data.examples().get(i).text()).getIds();
                    StringBuilder sb = new StringBuilder("{\"label\":\"" + data.examples().get(i).label() + "\",\"fold\":" + fold[i] + ",\"ids\":" + Arrays.toString(ids));
                    if (i < 20) sb.append(",\"cls\":" + Arrays.toString(e.embed(List.of(data.examples().get(i).text()))[0]));
                    w.println(sb.append("}"));
                }
            }
        }
    }
}
