package io.agenthub.slm;

/**
 * Field numbers of the ONNX protobuf messages (onnx.proto) that the hub reads or writes itself, its
 * element types, and the one message both of its graph writers need: a tensor's {@code ValueInfoProto}.
 */
final class OnnxProto {

    static final int MODEL_IR_VERSION = 1;
    static final int MODEL_GRAPH = 7;
    static final int MODEL_OPSET = 8;
    static final int OPSET_DOMAIN = 1;
    static final int OPSET_VERSION = 2;
    static final int GRAPH_NODE = 1;
    static final int GRAPH_NAME = 2;
    static final int GRAPH_INITIALIZER = 5;
    static final int GRAPH_INPUT = 11;
    static final int GRAPH_OUTPUT = 12;
    static final int NODE_INPUT = 1;
    static final int NODE_OUTPUT = 2;
    static final int NODE_OP_TYPE = 4;
    static final int TENSOR_DIMS = 1;
    static final int TENSOR_DATA_TYPE = 2;
    static final int TENSOR_NAME = 8;
    static final int TENSOR_RAW_DATA = 9;

    static final int FLOAT = 1;
    static final int UINT8 = 2;
    static final int INT8 = 3;
    static final int INT32 = 6;

    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_TYPE_ELEM = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;

    private OnnxProto() {
    }

    /**
     * A tensor's name, element type and shape. No {@code dims} leaves the shape unspecified (any rank); a
     * dimension below 0 is one of unspecified size.
     */
    static ProtoWriter valueInfo(String name, int elementType, int... dims) {
        ProtoWriter tensor = new ProtoWriter().varint(TENSOR_TYPE_ELEM, elementType);
        if (dims.length > 0) {
            ProtoWriter shape = new ProtoWriter();
            for (int dim : dims) {
                shape.message(SHAPE_DIM, dim < 0 ? new ProtoWriter() : new ProtoWriter().varint(DIM_VALUE, dim));
            }
            tensor.message(TENSOR_TYPE_SHAPE, shape);
        }
        return new ProtoWriter().string(VALUE_INFO_NAME, name).message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR, tensor));
    }
}
