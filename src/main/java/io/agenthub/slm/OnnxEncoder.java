package io.agenthub.slm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A BERT-style encoder run with ONNX Runtime. Texts of one call are tokenised together, padded to the
 * longest, and run as one batch: under load, micro-batches share one pass through the network.
 */
public final class OnnxEncoder implements Encoder {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final String digest;
    private final int dimension;

    public OnnxEncoder(EncoderSpec spec) {
        this.spec = spec;
        byte[] model = readResource(spec.modelResource(), spec);
        this.digest = Digests.sha256(model);
        try (InputStream tokenizerJson = open(spec.tokenizerResource(), spec)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "truncation", "true", "maxLength", String.valueOf(spec.maxTokens()), "padding", "false"));
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            List<String> taps = spec.innerLayers().stream().map(EncoderSpec::layerOutput).toList();
            this.session = ENV.createSession(OnnxGraphOutputs.expose(model, taps), options);
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
            this.dimension = embed(List.of("dimension probe"))[0].length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tokenizer of encoder " + spec.id(), e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load encoder " + spec.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts.isEmpty()) {
            return new float[0][];
        }
        List<String> prefixed = new ArrayList<>(texts.size());
        texts.forEach(t -> prefixed.add(spec.prefix() + t));
        Encoding[] encodings = tokenizer.batchEncode(prefixed);
        int batch = encodings.length;
        int length = 0;
        for (Encoding e : encodings) {
            length = Math.max(length, e.getIds().length);
        }
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        long[][] types = new long[batch][length];
        for (int i = 0; i < batch; i++) {
            long[] id = encodings[i].getIds();
            long[] m = encodings[i].getAttentionMask();
            long[] t = encodings[i].getTypeIds();
            System.arraycopy(id, 0, ids[i], 0, id.length);
            System.arraycopy(m, 0, mask[i], 0, m.length);
            System.arraycopy(t, 0, types[i], 0, t.length);
        }
        try (OnnxTensor idTensor = OnnxTensor.createTensor(ENV, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(ENV, mask);
             OnnxTensor typeTensor = OnnxTensor.createTensor(ENV, types)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (takesTokenTypes) {
                inputs.put("token_type_ids", typeTensor);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                List<float[][][]> layers = new ArrayList<>();
                layers.add((float[][][]) result.get(0).getValue());
                for (int layer : spec.innerLayers()) {
                    layers.add((float[][][]) result.get(EncoderSpec.layerOutput(layer)).orElseThrow().getValue());
                }
                float[][] pooled = new float[batch][];
                for (int i = 0; i < batch; i++) {
                    List<float[]> parts = new ArrayList<>(layers.size());
                    for (float[][][] hidden : layers) {
                        parts.add(Features.normalise(pool(hidden[i], mask[i])));
                    }
                    pooled[i] = Features.concat(parts);
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + spec.id() + " failed: " + e.getMessage(), e);
        }
    }

    private float[] pool(float[][] tokens, long[] mask) {
        if (spec.pooling() == Pooling.CLS) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) {
                continue;
            }
            count++;
            for (int d = 0; d < sum.length; d++) {
                sum[d] += tokens[t][d];
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, count);
        }
        return sum;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // closing at shutdown; nothing useful to do
        }
        tokenizer.close();
    }

    private static InputStream open(String resource, EncoderSpec spec) {
        InputStream in = OnnxEncoder.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("encoder " + spec.id() + " is not on the classpath: add dependency dev.langchain4j:"
                    + spec.mavenArtifact() + " (resource " + resource + ")");
        }
        return in;
    }

    private static byte[] readResource(String resource, EncoderSpec spec) {
        try (InputStream in = open(resource, spec)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
