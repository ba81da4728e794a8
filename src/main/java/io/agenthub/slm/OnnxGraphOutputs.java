package io.agenthub.slm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Makes intermediate tensors of an ONNX model readable: ONNX Runtime returns only a graph's declared
 * outputs, so the names asked for are appended to the graph's output list (GraphProto field 12) as float
 * tensors of unspecified shape. The rest of the model's bytes (weights included) are copied unchanged.
 *
 * <p>This edits the protobuf wire format directly rather than pulling in the ONNX and protobuf libraries
 * for one field: a ModelProto holds its graph as field 7, a length-delimited message.
 */
final class OnnxGraphOutputs {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_OUTPUT = 12;
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;
    private static final int FLOAT = 1;
    private static final int LENGTH_DELIMITED = 2;

    private OnnxGraphOutputs() {
    }

    static byte[] expose(byte[] model, List<String> names) {
        if (names.isEmpty()) {
            return model;
        }
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (String name : names) {
            writeField(extra, GRAPH_OUTPUT, valueInfo(name));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(model.length + extra.size() + 16);
        int[] at = {0};
        boolean found = false;
        while (at[0] < model.length) {
            int fieldStart = at[0];
            long tag = readVarint(model, at);
            int field = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (field == MODEL_GRAPH && wireType == LENGTH_DELIMITED) {
                int length = (int) readVarint(model, at);
                writeVarint(out, tag);
                writeVarint(out, (long) length + extra.size());
                out.write(model, at[0], length);
                out.write(extra.toByteArray(), 0, extra.size());
                at[0] += length;
                found = true;
            } else {
                skip(model, at, wireType);
                out.write(model, fieldStart, at[0] - fieldStart);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("not an ONNX model: no graph field");
        }
        return out.toByteArray();
    }

    private static byte[] valueInfo(String name) {
        ByteArrayOutputStream tensor = new ByteArrayOutputStream();
        writeVarint(tensor, (long) TENSOR_ELEM_TYPE << 3);
        writeVarint(tensor, FLOAT);
        ByteArrayOutputStream type = new ByteArrayOutputStream();
        writeField(type, TYPE_TENSOR, tensor.toByteArray());
        ByteArrayOutputStream info = new ByteArrayOutputStream();
        writeField(info, VALUE_INFO_NAME, name.getBytes(StandardCharsets.UTF_8));
        writeField(info, VALUE_INFO_TYPE, type.toByteArray());
        return info.toByteArray();
    }

    private static void writeField(ByteArrayOutputStream out, int field, byte[] payload) {
        writeVarint(out, ((long) field << 3) | LENGTH_DELIMITED);
        writeVarint(out, payload.length);
        out.write(payload, 0, payload.length);
    }

    private static void skip(byte[] bytes, int[] at, int wireType) {
        switch (wireType) {
            case 0 -> readVarint(bytes, at);
            case 1 -> at[0] += 8;
            case LENGTH_DELIMITED -> {
                long length = readVarint(bytes, at);
                at[0] += (int) length;
            }
            case 5 -> at[0] += 4;
            default -> throw new IllegalArgumentException("not an ONNX model: wire type " + wireType);
        }
        if (at[0] > bytes.length) {
            throw new IllegalArgumentException("not an ONNX model: truncated field");
        }
    }

    private static long readVarint(byte[] bytes, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= bytes.length) {
                throw new IllegalArgumentException("not an ONNX model: truncated varint");
            }
            byte b = bytes[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("not an ONNX model: varint too long");
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
