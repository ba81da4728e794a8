package io.agenthub.slm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.agenthub.slm.OnnxProto.FLOAT;
import static io.agenthub.slm.OnnxProto.GRAPH_INITIALIZER;
import static io.agenthub.slm.OnnxProto.GRAPH_INPUT;
import static io.agenthub.slm.OnnxProto.GRAPH_NODE;
import static io.agenthub.slm.OnnxProto.INT32;
import static io.agenthub.slm.OnnxProto.MODEL_OPSET;
import static io.agenthub.slm.OnnxProto.NODE_INPUT;
import static io.agenthub.slm.OnnxProto.NODE_OP_TYPE;
import static io.agenthub.slm.OnnxProto.NODE_OUTPUT;
import static io.agenthub.slm.OnnxProto.OPSET_DOMAIN;
import static io.agenthub.slm.OnnxProto.OPSET_VERSION;
import static io.agenthub.slm.OnnxProto.TENSOR_DATA_TYPE;
import static io.agenthub.slm.OnnxProto.TENSOR_NAME;
import static io.agenthub.slm.OnnxProto.TENSOR_RAW_DATA;
import static io.agenthub.slm.OnnxProto.UINT8;

/**
 * Makes a dynamically quantised encoder give each sequence of a batch the vector it gets alone.
 *
 * <p>The int8 encoders quantise their activations before every integer matrix product with
 * {@code DynamicQuantizeLinear}, which takes ONE scale and zero point from the minimum and maximum of the
 * whole input tensor: every sequence of the batch, padding included. A text's vector then depends on what
 * it was batched with (1,024 BANKING77 texts in batches of 64: cosine 0.997 on average, 0.993 at worst, to
 * their vectors alone; enough to cross a tier's threshold), and the micro-batchers batch by timing: one
 * customer's request could change another's answer, and {@code eval} gave other figures on every run.
 *
 * <p>This rewrite computes the same quantisation per sequence over its real tokens only: each
 * {@code DynamicQuantizeLinear} becomes the range of each token, masked so padding counts as 0 (inside the
 * range anyway), reduced per sequence and widened to include 0; scale = range / 255 and zero point =
 * round(clip(-min / scale)) as ONNX Runtime's kernel computes them; then ONNX Runtime's own
 * {@code com.microsoft} QuantizeLinear with one scale per sequence (axis 0), which runs the kernel
 * {@code DynamicQuantizeLinear} does (standard QuantizeLinear takes a scale per axis only from opset 13, and
 * these networks are opset 11). {@code MatMulInteger} takes only one zero point for its left input, so it runs
 * without one and the zero point's share is taken off exactly in integers: sum_k (q - zp) (w - wzp) =
 * sum_k q (w - wzp) - zp sum_k (w - wzp), the column sums being constants ONNX Runtime folds at load.
 * The float operators of these networks already compute each token apart (padding gets no attention
 * weight), so a text's vector is now bit-identical alone and in any batch, and to the vector the network as
 * shipped gives it alone (OnnxEncoderTest).
 *
 * <p>It costs CPU: ONNX Runtime no longer fuses quantisation into the matrix product, and the zero point's
 * share is one more pass over each product (docs/benchmarks.md, "Determinism").
 */
final class PerSequenceQuantisation {

    private static final String QUANTISE = "DynamicQuantizeLinear";
    private static final String MATMUL_INTEGER = "MatMulInteger";
    private static final String MASK_INPUT = "attention_mask";
    private static final String PREFIX = "per_sequence_quantisation/";

    /** ONNX Runtime's own operators: its QuantizeLinear takes a scale per slice of an axis at opset 11 already. */
    private static final String MICROSOFT = "com.microsoft";
    private static final int NODE_NAME = 3;
    private static final int NODE_DOMAIN = 7;
    private static final int NODE_ATTRIBUTE = 5;
    private static final int ATTRIBUTE_NAME = 1;
    private static final int ATTRIBUTE_INT = 3;
    private static final int ATTRIBUTE_INTS = 8;
    private static final int ATTRIBUTE_TYPE = 20;
    private static final int ATTRIBUTE_TYPE_INT = 2;
    private static final int ATTRIBUTE_TYPE_INTS = 7;

    private PerSequenceQuantisation() {
    }

    /** Whether the model quantises activations dynamically, so that {@link #rewrite} changes it. */
    static boolean applies(byte[] model) {
        return OnnxGraphOutputs.fields(OnnxGraphOutputs.graph(model)).stream()
                .anyMatch(f -> f.number() == GRAPH_NODE && f.strings(NODE_OP_TYPE).contains(QUANTISE));
    }

    /** The model with every dynamic quantisation computed per sequence; a model without any comes back as it is. */
    static byte[] rewrite(byte[] model) {
        if (!applies(model)) {
            return model;
        }
        byte[] rewritten = OnnxGraphOutputs.withGraph(model, graph -> new Rewrite(graph).run());
        if (importsMicrosoftOperators(model)) {
            return rewritten;
        }
        // a model's opset imports are a repeated field: one more at the end joins the others
        byte[] opset = new ProtoWriter().message(MODEL_OPSET, new ProtoWriter().string(OPSET_DOMAIN, MICROSOFT)
                .varint(OPSET_VERSION, 1)).toByteArray();
        byte[] withOpset = Arrays.copyOf(rewritten, rewritten.length + opset.length);
        System.arraycopy(opset, 0, withOpset, rewritten.length, opset.length);
        return withOpset;
    }

    private static boolean importsMicrosoftOperators(byte[] model) {
        return OnnxGraphOutputs.modelFields(model).stream()
                .anyMatch(f -> f.number() == MODEL_OPSET && f.strings(OPSET_DOMAIN).contains(MICROSOFT));
    }

    /** One rewrite of one graph. */
    private static final class Rewrite {
        private final OnnxGraphOutputs.Graph graph;
        private final ByteArrayOutputStream out;
        /** Each quantised tensor's zero point, by the name DynamicQuantizeLinear gave it, as int32 [batch, 1, 1]. */
        private final Map<String, String> zeroPoints = new HashMap<>();
        private int quantisations;
        private int products;
        private boolean sawMask;

        Rewrite(OnnxGraphOutputs.Graph graph) {
            this.graph = graph;
            this.out = new ByteArrayOutputStream(graph.length() + (1 << 20));
        }

        byte[] run() {
            constant("zero", FLOAT, floats(0f));
            constant("levels", FLOAT, floats(255f));
            constant("smallest_scale", FLOAT, floats(Float.MIN_NORMAL));
            constant("no_zero_point", UINT8, new byte[] {0});
            // the mask as float [batch, tokens, 1]: 1 for a real token, 0 for padding
            node("Cast", List.of(MASK_INPUT), List.of(PREFIX + "mask_float"), intAttribute("to", FLOAT));
            node("Unsqueeze", List.of(PREFIX + "mask_float"), List.of(PREFIX + "mask"), intsAttribute("axes", 2));
            for (OnnxGraphOutputs.Field field : OnnxGraphOutputs.fields(graph)) {
                if (field.number() == GRAPH_INPUT && field.strings(1).contains(MASK_INPUT)) {
                    sawMask = true;
                }
                if (field.number() != GRAPH_NODE) {
                    field.copyTo(out);
                    continue;
                }
                String op = field.strings(NODE_OP_TYPE).stream().findFirst().orElse("");
                List<String> inputs = field.strings(NODE_INPUT);
                List<String> outputs = field.strings(NODE_OUTPUT);
                if (op.equals(QUANTISE)) {
                    quantise(inputs.get(0), outputs);
                } else if (op.equals(MATMUL_INTEGER) && inputs.size() > 2 && zeroPoints.containsKey(inputs.get(2))) {
                    multiply(inputs, outputs.get(0));
                } else {
                    field.copyTo(out);
                }
            }
            if (!sawMask) {
                throw new IllegalArgumentException("a quantised encoder without an " + MASK_INPUT + " input");
            }
            if (products == 0 || quantisations == 0) {
                throw new IllegalArgumentException("no DynamicQuantizeLinear feeding a MatMulInteger in the model");
            }
            return out.toByteArray();
        }

        /** DynamicQuantizeLinear(x) -> (q, scale, zero point), each sequence on its own real tokens. */
        private void quantise(String x, List<String> outputs) {
            String p = PREFIX + "q" + quantisations++ + "/";
            // each token's range, then the sequence's over its real tokens: padding counts as 0, inside the range anyway
            node("ReduceMin", List.of(x), List.of(p + "token_min"), intsAttribute("axes", 2), intAttribute("keepdims", 1));
            node("ReduceMax", List.of(x), List.of(p + "token_max"), intsAttribute("axes", 2), intAttribute("keepdims", 1));
            node("Mul", List.of(p + "token_min", PREFIX + "mask"), List.of(p + "real_min"));
            node("Mul", List.of(p + "token_max", PREFIX + "mask"), List.of(p + "real_max"));
            node("ReduceMin", List.of(p + "real_min"), List.of(p + "sequence_min"), intsAttribute("axes", 1, 2), intAttribute("keepdims", 0));
            node("ReduceMax", List.of(p + "real_max"), List.of(p + "sequence_max"), intsAttribute("axes", 1, 2), intAttribute("keepdims", 0));
            node("Min", List.of(p + "sequence_min", PREFIX + "zero"), List.of(p + "min"));
            node("Max", List.of(p + "sequence_max", PREFIX + "zero"), List.of(p + "max"));
            node("Sub", List.of(p + "max", p + "min"), List.of(p + "range"));
            node("Div", List.of(p + "range", PREFIX + "levels"), List.of(p + "step"));
            // ONNX Runtime takes scale 1 for a range of 0 (all zeros): any positive scale quantises zeros to 0
            node("Max", List.of(p + "step", PREFIX + "smallest_scale"), List.of(p + "scale"));
            node("Div", List.of(p + "min", p + "scale"), List.of(p + "min_steps"));
            node("Neg", List.of(p + "min_steps"), List.of(p + "zero_point_unclipped"));
            node("Clip", List.of(p + "zero_point_unclipped", PREFIX + "zero", PREFIX + "levels"), List.of(p + "zero_point_unrounded"));
            node("Round", List.of(p + "zero_point_unrounded"), List.of(p + "zero_point"));
            node("Cast", List.of(p + "zero_point"), List.of(p + "zero_point_uint8"), intAttribute("to", UINT8));
            // ONNX Runtime's QuantizeLinear with one scale per sequence (axis 0) runs the kernel DynamicQuantizeLinear does
            node(MICROSOFT, "QuantizeLinear", List.of(x, p + "scale", p + "zero_point_uint8"), List.of(outputs.get(0)),
                    intAttribute("axis", 0));
            node("Unsqueeze", List.of(p + "scale"), List.of(outputs.get(1)), intsAttribute("axes", 1, 2));
            node("Cast", List.of(p + "zero_point"), List.of(p + "zero_point_int_flat"), intAttribute("to", INT32));
            node("Unsqueeze", List.of(p + "zero_point_int_flat"), List.of(p + "zero_point_int"), intsAttribute("axes", 1, 2));
            if (outputs.size() > 2) {
                zeroPoints.put(outputs.get(2), p + "zero_point_int");
            }
        }

        /** MatMulInteger(q, w, zero point, w zero point) with the per-sequence zero point taken off in integers. */
        private void multiply(List<String> inputs, String output) {
            String p = PREFIX + "m" + products++ + "/";
            String weights = inputs.get(1);
            List<String> direct = new ArrayList<>(List.of(inputs.get(0), weights, PREFIX + "no_zero_point"));
            String weightsCentred = weights;
            if (inputs.size() > 3 && !inputs.get(3).isEmpty()) {
                direct.add(inputs.get(3));
                node("Cast", List.of(weights), List.of(p + "w_int"), intAttribute("to", INT32));
                node("Cast", List.of(inputs.get(3)), List.of(p + "w_zero_point_int"), intAttribute("to", INT32));
                node("Sub", List.of(p + "w_int", p + "w_zero_point_int"), List.of(p + "w_centred"));
                weightsCentred = p + "w_centred";
            } else {
                node("Cast", List.of(weights), List.of(p + "w_centred"), intAttribute("to", INT32));
                weightsCentred = p + "w_centred";
            }
            node("ReduceSum", List.of(weightsCentred), List.of(p + "column_sums"), intsAttribute("axes", 0), intAttribute("keepdims", 0));
            node(MATMUL_INTEGER, direct, List.of(p + "uncorrected"));
            node("Mul", List.of(zeroPoints.get(inputs.get(2)), p + "column_sums"), List.of(p + "correction"));
            node("Sub", List.of(p + "uncorrected", p + "correction"), List.of(output));
        }

        private void node(String op, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
            node("", op, inputs, outputs, attributes);
        }

        private void node(String domain, String op, List<String> inputs, List<String> outputs, ProtoWriter... attributes) {
            ProtoWriter node = new ProtoWriter();
            inputs.forEach(i -> node.string(NODE_INPUT, i));
            outputs.forEach(o -> node.string(NODE_OUTPUT, o));
            node.string(NODE_NAME, outputs.get(0) + "/" + op).string(NODE_OP_TYPE, op);
            for (ProtoWriter attribute : attributes) {
                node.message(NODE_ATTRIBUTE, attribute);
            }
            if (!domain.isEmpty()) {
                node.string(NODE_DOMAIN, domain);
            }
            ProtoWriter.writeField(out, GRAPH_NODE, node.toByteArray());
        }

        private void constant(String name, int type, byte[] raw) {
            ProtoWriter tensor = new ProtoWriter().varint(TENSOR_DATA_TYPE, type).string(TENSOR_NAME, PREFIX + name)
                    .bytes(TENSOR_RAW_DATA, raw);
            ProtoWriter.writeField(out, GRAPH_INITIALIZER, tensor.toByteArray());
        }
    }

    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(ATTRIBUTE_NAME, name).varint(ATTRIBUTE_INT, value).varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
    }

    private static ProtoWriter intsAttribute(String name, long... values) {
        ProtoWriter attribute = new ProtoWriter().string(ATTRIBUTE_NAME, name);
        for (long value : values) {
            attribute.varint(ATTRIBUTE_INTS, value);
        }
        return attribute.varint(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS);
    }

    private static byte[] floats(float value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array();
    }
}
