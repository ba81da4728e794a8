import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.LabelledData;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.slm.StratifiedFolds;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes, for each training example, its label, its fold (the cascade's own: 5 folds, seed 42, labels in
 * the model cards' sorted order) and the bge-small token ids the hub's tokenizer gives, plus the hub's CLS
 * vector for the first 20, which tune.py checks its torch model against. Args: tokenizer.json, train.csv, out.jsonl.
 */
public class DumpIds {
    public static void main(String[] args) throws Exception {
        LabelledData data = LabelledData.read(List.of(Path.of(args[1])));
        List<String> labels = data.labels();  // distinct and sorted, as the model cards list them
        int[] y = data.examples().stream().mapToInt(x -> labels.indexOf(x.label())).toArray();
        int[] fold = StratifiedFolds.assign(y, labels.size(), 5, 42L);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(Path.of(args[0]),
                     Map.of("truncation", "true", "maxLength", "128", "padding", "false"));
             OnnxEncoder encoder = new OnnxEncoder(EncoderCatalog.find("bge-small-en-v1.5").orElseThrow());
             PrintWriter out = new PrintWriter(args[2])) {
            for (int i = 0; i < data.examples().size(); i++) {
                LabelledData.Example example = data.examples().get(i);
                StringBuilder line = new StringBuilder("{\"label\":\"" + example.label() + "\",\"fold\":" + fold[i]
                        + ",\"ids\":" + Arrays.toString(tokenizer.encode(example.text()).getIds()));
                if (i < 20) {
                    line.append(",\"cls\":").append(Arrays.toString(encoder.embed(List.of(example.text()))[0]));
                }
                out.println(line.append('}'));
            }
        }
    }
}
