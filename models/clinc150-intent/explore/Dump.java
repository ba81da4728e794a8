import io.agenthub.slm.*;
import java.io.*;
import java.nio.file.*;
import java.util.*;

public class Dump {
    public static void main(String[] a) throws Exception {
        String enc = a[0];
        List<Path> files = new ArrayList<>();
        for (String s : List.of("train", "val", "oos_train", "oos_val")) files.add(Path.of("datasets/clinc150/" + s + ".jsonl"));
        LabelledData d = LabelledData.read(files);
        try (EncoderCatalog c = new EncoderCatalog()) {
            Encoder e = c.get(enc);
            long t0 = System.currentTimeMillis();
            float[][] x = Features.of(List.of(e), d.texts(), done -> { if (done % 2048 < 64) System.err.println(enc + " " + done + " " + (System.currentTimeMillis() - t0) / 1000 + "s"); });
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream("/tmp/clinc/" + enc + ".bin")))) {
                out.writeInt(x.length); out.writeInt(x[0].length);
                for (float[] r : x) for (float v : r) out.writeFloat(v);
            }
        }
    }
}
