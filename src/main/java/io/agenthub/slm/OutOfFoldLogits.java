package io.agenthub.slm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A tuned model's out-of-fold logits as a file of its version ({@link ModelCard.Tuning}): big-endian, the magic
 * {@code AHOF}, the number of examples and of classes, then the logits example by example as 32-bit floats.
 */
public final class OutOfFoldLogits {

    private static final int MAGIC = 0x41484f46; // "AHOF"

    private OutOfFoldLogits() {
    }

    public static void write(float[][] logits, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out));
        data.writeInt(MAGIC);
        data.writeInt(logits.length);
        data.writeInt(logits.length == 0 ? 0 : logits[0].length);
        for (float[] row : logits) {
            for (float v : row) {
                data.writeFloat(v);
            }
        }
        data.flush();
    }

    public static float[][] read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an out-of-fold logits file");
        }
        int examples = data.readInt();
        int classes = data.readInt();
        float[][] logits = new float[examples][classes];
        for (float[] row : logits) {
            for (int c = 0; c < classes; c++) {
                row[c] = data.readFloat();
            }
        }
        return logits;
    }
}
