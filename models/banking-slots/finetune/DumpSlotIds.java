import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.extract.NluppFolds;
import io.agenthub.extract.SlotTagger;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes, for each NLU++ banking turn of the fold files given, its fold, the bge-small token ids the hub's tokenizer
 * gives with each piece's characters [start, end), and the gold slot spans as the hub reads them (NluppFolds), for
 * tune_tagger.py. Args: tokenizer.json, out.jsonl, fold files in order.
 */
public class DumpSlotIds {
    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        List<List<NluppFolds.Turn>> folds = NluppFolds.read(files, json);
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(Path.of(args[0]),
                     Map.of("truncation", "true", "maxLength", "128", "padding", "false"));
             PrintWriter out = new PrintWriter(args[1])) {
            for (int f = 0; f < folds.size(); f++) {
                for (NluppFolds.Turn turn : folds.get(f)) {
                    Encoding e = tokenizer.encode(turn.text());
                    var spans = e.getCharTokenSpans();
                    List<int[]> pieces = new ArrayList<>();
                    for (var s : spans) {
                        pieces.add(s == null ? new int[] {-1, -1} : new int[] {s.getStart(), s.getEnd()});
                    }
                    List<Map<String, Object>> slots = new ArrayList<>();
                    for (SlotTagger.GoldSpan g : turn.slots()) {
                        slots.add(Map.of("name", g.name(), "start", g.start(), "end", g.end()));
                    }
                    out.println(json.writeValueAsString(Map.of("fold", f, "text", turn.text(), "ids", e.getIds(),
                            "spans", pieces, "slots", slots)));
                }
            }
        }
    }
}
