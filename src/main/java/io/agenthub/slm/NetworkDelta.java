package io.agenthub.slm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A tuned network kept as its difference from the network it was tuned from. The base ships inside a Maven
 * jar and is never committed; a tuned copy written into the base's own graph ({@code finetune/export.py})
 * has the same bytes everywhere but in its weights, and most int8 weights move by a step or none. So the
 * byte-wise difference (mod 256), deflated, is about a sixth of the network (5.2 MB for bge-small's
 * 34 MB). Whoever applies it checks the result against the digest in the model card.
 */
public final class NetworkDelta {

    private static final int MAGIC = 0x41484e44; // "AHND"

    private NetworkDelta() {
    }

    /** The delta that turns {@code base} into {@code tuned}; both must be the same graph, byte for byte in size. */
    public static byte[] of(byte[] base, byte[] tuned) {
        if (base.length != tuned.length) {
            throw new IllegalArgumentException("the tuned network (" + tuned.length + " bytes) is not its base's graph ("
                    + base.length + " bytes) with other weights: write it with finetune/export.py into the base file");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(tuned.length);
            try (DeflaterOutputStream deflated = new DeflaterOutputStream(out)) {
                byte[] chunk = new byte[1 << 16];
                for (int start = 0; start < tuned.length; start += chunk.length) {
                    int n = Math.min(chunk.length, tuned.length - start);
                    for (int i = 0; i < n; i++) {
                        chunk[i] = (byte) (tuned[start + i] - base[start + i]);
                    }
                    deflated.write(chunk, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The tuned network: {@code base} with {@code delta} added, byte by byte. */
    public static byte[] apply(byte[] base, byte[] delta) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(delta))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not a network delta (written by agent-hub import-tuned)");
            }
            int length = in.readInt();
            if (length != base.length) {
                throw new IllegalArgumentException("the delta is for a network of " + length + " bytes, but its base has "
                        + base.length + ": this build ships another version of the base encoder");
            }
            byte[] tuned = new InflaterInputStream(in).readNBytes(length);
            if (tuned.length != length) {
                throw new IllegalArgumentException("the network delta is truncated");
            }
            for (int i = 0; i < length; i++) {
                tuned[i] += base[i];
            }
            return tuned;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
