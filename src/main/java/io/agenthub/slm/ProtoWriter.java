package io.agenthub.slm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the protobuf wire format, the few field kinds an ONNX model needs: varints and length-delimited
 * fields (strings, bytes, nested messages). The hub edits and builds small ONNX graphs itself rather than
 * pulling in the ONNX and protobuf libraries for a handful of fields.
 */
final class ProtoWriter {

    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;

    private final ByteArrayOutputStream out;

    ProtoWriter() {
        this(64);
    }

    ProtoWriter(int expectedSize) {
        this.out = new ByteArrayOutputStream(expectedSize);
    }

    ProtoWriter varint(int field, long value) {
        writeVarint(out, (long) field << 3 | VARINT);
        writeVarint(out, value);
        return this;
    }

    ProtoWriter bytes(int field, byte[] payload) {
        writeField(out, field, payload);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter message) {
        return bytes(field, message.toByteArray());
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    static void writeField(ByteArrayOutputStream out, int field, byte[] payload) {
        writeVarint(out, (long) field << 3 | LENGTH_DELIMITED);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
