package io.agenthub.slm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/** Turns texts into head inputs: each encoder's normalised vector, concatenated in a fixed order. */
public final class Features {

    private static final int BATCH = 64;

    private Features() {
    }

    /** Scales {@code v} in place to unit length (a zero vector stays zero) and returns it. */
    public static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1.0 / Math.max(1e-12, Math.sqrt(norm)));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    public static float[] concat(List<float[]> parts) {
        int size = 0;
        for (float[] p : parts) {
            size += p.length;
        }
        float[] out = new float[size];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Bulk encoding for training and batch scoring; {@code progress} hears how many texts are done. */
    public static float[][] of(List<Encoder> encoders, List<String> texts, IntConsumer progress) {
        float[][] out = new float[texts.size()][];
        for (int start = 0; start < texts.size(); start += BATCH) {
            List<String> chunk = texts.subList(start, Math.min(texts.size(), start + BATCH));
            List<float[][]> perEncoder = new ArrayList<>();
            for (Encoder encoder : encoders) {
                perEncoder.add(encoder.embed(chunk));
            }
            for (int i = 0; i < chunk.size(); i++) {
                List<float[]> parts = new ArrayList<>(encoders.size());
                for (float[][] vectors : perEncoder) {
                    parts.add(vectors[i]);
                }
                out[start + i] = concat(parts);
            }
            progress.accept(start + chunk.size());
        }
        return out;
    }
}
