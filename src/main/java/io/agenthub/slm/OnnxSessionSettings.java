package io.agenthub.slm;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * How an encoder's ONNX Runtime session holds memory between runs (hub.onnx.* in application.properties).
 *
 * @param cpuArena      ONNX Runtime's arena keeps every buffer a run needed for the next one and never gives it
 *                      back, so it grows to the largest micro-batch seen; off, each run's buffers are freed when it ends
 * @param memoryPattern plans a run's buffers from the last run of the same input shape and allocates them as one
 *                      block, kept in the arena
 */
public record OnnxSessionSettings(boolean cpuArena, boolean memoryPattern) {

    /** ONNX Runtime's own defaults: arena and memory patterns on. */
    public static final OnnxSessionSettings RUNTIME_DEFAULTS = new OnnxSessionSettings(true, true);

    void applyTo(OrtSession.SessionOptions options) throws OrtException {
        options.setCPUArenaAllocator(cpuArena);
        options.setMemoryPatternOptimization(memoryPattern);
    }
}
