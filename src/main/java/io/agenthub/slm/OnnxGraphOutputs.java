package io.agenthub.slm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static io.agenthub.slm.OnnxProto.FLOAT;
import static io.agenthub.slm.OnnxProto.GRAPH_INITIALIZER;
import static io.agenthub.slm.OnnxProto.GRAPH_NODE;
import static io.agenthub.slm.OnnxProto.GRAPH_OUTPUT;
import static io.agenthub.slm.OnnxProto.MODEL_GRAPH;
import static io.agenthub.slm.OnnxProto.NODE_INPUT;
import static io.agenthub.slm.OnnxProto.NODE_OUTPUT;
import static io.agenthub.slm.OnnxProto.TENSOR_NAME;

/**
 * Makes intermediate tensors of an ONNX model readable, or the model's only output: ONNX Runtime returns
 * only a graph's declared outputs, so the names asked for are appended to the graph's output list
 * (GraphProto field 12) as float tensors of unspecified shape ({@link #expose}); a model cut at a tensor
 * also loses the nodes (field 1) and weights (field 5) that tensor does not need ({@link #truncate}).
 * The rest of the model's bytes are copied unchanged. The graph is read where it lies in the model and each
 * result is built at its final size: a model is tens of megabytes, and every extra copy is heap the hub must
 * have at start (docs/operations.md, "Memory").
 *
 * <p>This edits the protobuf wire format directly ({@link ProtoWriter}): a ModelProto holds its graph as
 * field 7, a length-delimited message.
 */
final class OnnxGraphOutputs {

    private static final int LENGTH_DELIMITED = ProtoWriter.LENGTH_DELIMITED;

    private OnnxGraphOutputs() {
    }

    static byte[] expose(byte[] model, List<String> names) {
        if (names.isEmpty()) {
            return model;
        }
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        for (String name : names) {
            ProtoWriter.writeField(extra, GRAPH_OUTPUT, OnnxProto.valueInfo(name, FLOAT).toByteArray());
        }
        return withGraph(model, graph -> {
            byte[] joined = new byte[graph.length() + extra.size()];
            System.arraycopy(graph.bytes(), graph.from(), joined, 0, graph.length());
            System.arraycopy(extra.toByteArray(), 0, joined, graph.length(), extra.size());
            return joined;
        });
    }

    /**
     * The model cut at tensor {@code name}: it becomes the graph's only output, and every node it does not
     * depend on is left out, so the layers above it are never computed (a network of six layers cut after
     * its third costs about half as much).
     */
    static byte[] truncate(byte[] model, String name) {
        return withGraph(model, graph -> {
            List<int[]> nodes = new ArrayList<>();  // {start, end} of each node field
            List<int[]> initializers = new ArrayList<>();
            Map<String, Integer> producer = new HashMap<>();
            byte[] bytes = graph.bytes();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();  // the graph's name, inputs...: small
            int[] at = {graph.from()};
            while (at[0] < graph.to()) {
                int fieldStart = at[0];
                long tag = readVarint(bytes, at);
                int field = (int) (tag >>> 3);
                skip(bytes, at, (int) (tag & 7));
                if (field == GRAPH_NODE) {
                    strings(bytes, fieldStart, NODE_OUTPUT).forEach(output -> producer.put(output, nodes.size()));
                    nodes.add(new int[] {fieldStart, at[0]});
                } else if (field == GRAPH_INITIALIZER) {
                    initializers.add(new int[] {fieldStart, at[0]});
                } else if (field != GRAPH_OUTPUT) {
                    rest.write(bytes, fieldStart, at[0] - fieldStart);
                }
            }
            if (at[0] != graph.to()) {
                throw new IllegalArgumentException("not an ONNX model: a graph field runs past the graph");
            }
            if (!producer.containsKey(name)) {
                throw new IllegalArgumentException("no tensor " + name + " in the model");
            }
            Set<Integer> needed = new HashSet<>();
            Set<String> read = new HashSet<>(List.of(name));
            Deque<String> wanted = new ArrayDeque<>(read);
            while (!wanted.isEmpty()) {
                Integer node = producer.get(wanted.pop());
                if (node != null && needed.add(node)) {
                    int[] span = nodes.get(node);
                    for (String input : strings(bytes, span[0], NODE_INPUT)) {
                        if (read.add(input)) {
                            wanted.add(input);
                        }
                    }
                }
            }
            List<int[]> kept = new ArrayList<>();
            for (int node = 0; node < nodes.size(); node++) {  // nodes stay in their (topological) order
                if (needed.contains(node)) {
                    kept.add(nodes.get(node));
                }
            }
            for (int[] span : initializers) {  // the weights of the layers cut off go too
                if (strings(bytes, span[0], TENSOR_NAME).stream().anyMatch(read::contains)) {
                    kept.add(span);
                }
            }
            ByteArrayOutputStream tail = new ByteArrayOutputStream();
            tail.write(rest.toByteArray(), 0, rest.size());
            ProtoWriter.writeField(tail, GRAPH_OUTPUT, OnnxProto.valueInfo(name, FLOAT).toByteArray());
            int size = tail.size();
            for (int[] span : kept) {
                size += span[1] - span[0];
            }
            byte[] cut = new byte[size];
            int to = 0;
            for (int[] span : kept) {
                System.arraycopy(bytes, span[0], cut, to, span[1] - span[0]);
                to += span[1] - span[0];
            }
            System.arraycopy(tail.toByteArray(), 0, cut, to, tail.size());
            return cut;
        });
    }

    /** The strings in field {@code wanted} of the length-delimited message field starting at {@code bytes[start]}. */
    private static List<String> strings(byte[] bytes, int start, int wanted) {
        int[] at = {start};
        readVarint(bytes, at);
        int length = (int) readVarint(bytes, at);
        int messageEnd = at[0] + length;
        List<String> found = new ArrayList<>();
        while (at[0] < messageEnd) {
            long tag = readVarint(bytes, at);
            if ((int) (tag >>> 3) == wanted && (tag & 7) == LENGTH_DELIMITED) {
                int size = (int) readVarint(bytes, at);
                found.add(new String(bytes, at[0], size, StandardCharsets.UTF_8));
                at[0] += size;
            } else {
                skip(bytes, at, (int) (tag & 7));
            }
        }
        return found;
    }

    /** The graph message's bytes, {@code bytes[from, to)}, where they lie inside the model; its tag starts at {@code field}. */
    record Graph(byte[] bytes, int field, int from, int to) {
        int length() {
            return to - from;
        }
    }

    /** One field of a graph message, its tag included: {@code bytes[from, to)}. */
    record Field(byte[] bytes, int number, int from, int to) {
        /** The strings in field {@code wanted} of this field's message (a node's inputs, outputs, op type...). */
        List<String> strings(int wanted) {
            return OnnxGraphOutputs.strings(bytes, from, wanted);
        }

        void copyTo(ByteArrayOutputStream out) {
            out.write(bytes, from, to - from);
        }
    }

    /** The fields of a graph in their order: nodes (topologically sorted), initializers, inputs, outputs... */
    static List<Field> fields(Graph graph) {
        return fields(graph.bytes(), graph.from(), graph.to());
    }

    /** The model's own fields: its IR version, opset imports, graph... */
    static List<Field> modelFields(byte[] model) {
        return fields(model, 0, model.length);
    }

    private static List<Field> fields(byte[] bytes, int from, int to) {
        List<Field> fields = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            int fieldStart = at[0];
            long tag = readVarint(bytes, at);
            skip(bytes, at, (int) (tag & 7));
            fields.add(new Field(bytes, (int) (tag >>> 3), fieldStart, at[0]));
        }
        if (at[0] != to) {
            throw new IllegalArgumentException("not an ONNX model: a field runs past its message");
        }
        return fields;
    }

    /** Where the model's graph message lies. */
    static Graph graph(byte[] model) {
        int[] at = {0};
        while (at[0] < model.length) {
            int fieldStart = at[0];
            long tag = readVarint(model, at);
            int wireType = (int) (tag & 7);
            if ((int) (tag >>> 3) == MODEL_GRAPH && wireType == LENGTH_DELIMITED) {
                int length = (int) readVarint(model, at);
                if (at[0] + length > model.length) {
                    throw new IllegalArgumentException("not an ONNX model: truncated graph");
                }
                return new Graph(model, fieldStart, at[0], at[0] + length);  // a model has one graph field
            }
            skip(model, at, wireType);
        }
        throw new IllegalArgumentException("not an ONNX model: no graph field");
    }

    /** The model with its graph message replaced by what {@code edit} makes of it. */
    static byte[] withGraph(byte[] model, Function<Graph, byte[]> edit) {
        Graph old = graph(model);
        byte[] graph = edit.apply(old);
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        ProtoWriter.writeVarint(header, (long) MODEL_GRAPH << 3 | LENGTH_DELIMITED);
        ProtoWriter.writeVarint(header, graph.length);
        int fieldStart = old.field();
        int after = old.to();
        byte[] edited = new byte[fieldStart + header.size() + graph.length + model.length - after];
        System.arraycopy(model, 0, edited, 0, fieldStart);
        System.arraycopy(header.toByteArray(), 0, edited, fieldStart, header.size());
        System.arraycopy(graph, 0, edited, fieldStart + header.size(), graph.length);
        System.arraycopy(model, after, edited, fieldStart + header.size() + graph.length, model.length - after);
        return edited;
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
}
