package io.agenthub.slm;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A BERT-style encoder run with ONNX Runtime. Texts of one call are tokenised together and run in as
 * few passes as padding allows: texts of similar length share a pass, padded to the longest of them,
 * so under load micro-batches share the network without paying for a long text's padding.
 */
public final class OnnxEncoder implements Encoder {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    /** A pass may carry at most this share of padding tokens beyond its real ones before texts split. */
    private static final double PADDING_SLACK = 0.25;

    /** Below this many texts a pass runs little faster per text than one alone, so a batch is not cut finer. */
    private static final int SMALL_PASS = 8;

    private final EncoderSpec spec;
    private final HuggingFaceTokenizer tokenizer;
    /** The same vocabulary without truncation or special tokens: taggers see every token of a long text. */
    private final HuggingFaceTokenizer wordPieces;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final String digest;
    private final int dimension;

    public OnnxEncoder(EncoderSpec spec) {
        this(spec, OnnxSessionSettings.RUNTIME_DEFAULTS);
    }

    public OnnxEncoder(EncoderSpec spec, OnnxSessionSettings memory) {
        this(spec, readResource(spec.modelResource(), spec), memory);
    }

    /** The spec's tokenizer and pooling over another network of the same shape: a tuned copy of the spec's own. */
    public OnnxEncoder(EncoderSpec spec, byte[] model) {
        this(spec, model, OnnxSessionSettings.RUNTIME_DEFAULTS);
    }

    public OnnxEncoder(EncoderSpec spec, byte[] model, OnnxSessionSettings memory) {
        this.spec = spec;
        this.digest = Digests.sha256(model);
        try {
            byte[] tokenizerJson = readResource(spec.tokenizerResource(), spec);
            this.tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "truncation", "true", "maxLength", String.valueOf(spec.maxTokens()), "padding", "false"));
            this.wordPieces = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson), Map.of(
                    "truncation", "false", "padding", "false", "addSpecialTokens", "false"));
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // One thread per pass, and so no intra-op threads to spin or to wait for each other after every
            // operator: a call's passes run side by side instead (ParallelPasses), which keeps the cores busier.
            options.setIntraOpNumThreads(1);
            memory.applyTo(options);
            List<String> taps = spec.innerLayers().stream().map(EncoderSpec::layerOutput).toList();
            // An int8 network quantises each text of a pass on its own: otherwise a text's vector, and so its
            // answer, would depend on the texts it was batched with (PerSequenceQuantisation).
            byte[] network = PerSequenceQuantisation.rewrite(model);
            if (spec.depth() > 0) {
                network = OnnxGraphOutputs.truncate(network, EncoderSpec.layerOutput(spec.depth() - 1));
            }
            this.session = ENV.createSession(OnnxGraphOutputs.expose(network, taps), options);
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
        float[][] pooled = new float[encodings.length][];
        List<int[]> passes = passes(encodings, e -> e.getIds().length);
        ParallelPasses.run(passes.size(), p -> {
            int[] group = passes.get(p);
            float[][] vectors = run(encodings, group);
            for (int i = 0; i < group.length; i++) {
                pooled[group[i]] = vectors[i];
            }
        });
        return pooled;
    }

    /**
     * The passes of one call, longest first: texts of similar length together, and no pass so large that
     * the other cores would have none ({@link ParallelPasses}), though none smaller than {@link #SMALL_PASS}
     * texts for that alone.
     */
    private static <T> List<int[]> passes(T[] items, ToIntFunction<T> length) {
        int most = Math.max(SMALL_PASS, (items.length + ParallelPasses.CORES - 1) / ParallelPasses.CORES);
        List<int[]> groups = new ArrayList<>(LengthGroups.of(items, length, PADDING_SLACK, most));
        Collections.reverse(groups);
        return groups;
    }

    /** One pass through the network for the encodings at {@code members}, padded to the longest of them. */
    private float[][] run(Encoding[] encodings, int[] members) {
        int batch = members.length;
        int length = 0;
        for (int member : members) {
            length = Math.max(length, encodings[member].getIds().length);
        }
        long[][] ids = new long[batch][length];
        long[][] mask = new long[batch][length];
        long[][] types = new long[batch][length];
        for (int i = 0; i < batch; i++) {
            Encoding encoding = encodings[members[i]];
            long[] id = encoding.getIds();
            long[] m = encoding.getAttentionMask();
            long[] t = encoding.getTypeIds();
            System.arraycopy(id, 0, ids[i], 0, id.length);
            System.arraycopy(m, 0, mask[i], 0, m.length);
            System.arraycopy(t, 0, types[i], 0, t.length);
        }
        return infer(ids, mask, types, result -> {
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
        });
    }

    /** Output of a session run, read while the run's tensors are still open. */
    private interface OutputReader<T> {
        T read(OrtSession.Result result) throws OrtException;
    }

    private <T> T infer(long[][] ids, long[][] mask, long[][] types, OutputReader<T> reader) {
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
                return reader.read(result);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + spec.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The last layer's vector for every word piece of {@code text}, with the characters each covers. A text
     * longer than the network's window runs in overlapping windows; a piece takes its vector from the
     * window where it has the most context on both sides.
     */
    public TokenStates tokenStates(String text) {
        return tokenStates(List.of(text)).get(0);
    }

    /** {@link #tokenStates(String)} for several texts, their windows run together in length-grouped batches. */
    public List<TokenStates> tokenStates(List<String> texts) {
        long[] frame = tokenizer.encode("").getIds();  // [CLS] [SEP]
        int window = spec.maxTokens() - 2;
        int stride = window * 3 / 4;
        List<Encoding> pieces = new ArrayList<>(texts.size());
        List<long[]> windows = new ArrayList<>();
        List<int[]> placement = new ArrayList<>();  // {text, first piece, keep from, keep to}
        for (int t = 0; t < texts.size(); t++) {
            Encoding encoding = wordPieces.encode(texts.get(t));
            pieces.add(encoding);
            long[] ids = encoding.getIds();
            int n = ids.length;
            for (int from = 0; from < n || from == 0; from += stride) {
                int to = Math.min(n, from + window);
                long[] windowIds = new long[to - from + 2];
                windowIds[0] = frame[0];
                System.arraycopy(ids, from, windowIds, 1, to - from);
                windowIds[windowIds.length - 1] = frame[frame.length - 1];
                windows.add(windowIds);
                placement.add(new int[] {t, from, from == 0 ? from : from + (window - stride) / 2, to});
                if (to == n) {
                    break;
                }
            }
        }
        float[][][] hidden = new float[windows.size()][][];
        List<int[]> passes = passes(windows.toArray(long[][]::new), w -> w.length);
        ParallelPasses.run(passes.size(), p -> {
            int[] group = passes.get(p);
            float[][][] out = lastLayer(windows, group);
            for (int i = 0; i < group.length; i++) {
                hidden[group[i]] = out[i];
            }
        });
        List<float[][]> states = new ArrayList<>(texts.size());
        pieces.forEach(p -> states.add(new float[p.getIds().length][]));
        for (int w = 0; w < windows.size(); w++) {
            int[] place = placement.get(w);
            for (int i = place[2]; i < place[3]; i++) {
                states.get(place[0])[i] = hidden[w][i - place[1] + 1];
            }
        }
        List<TokenStates> result = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            var spans = pieces.get(t).getCharTokenSpans();
            int[] starts = new int[spans.length];
            int[] ends = new int[spans.length];
            for (int i = 0; i < spans.length; i++) {
                starts[i] = spans[i].getStart();
                ends[i] = spans[i].getEnd();
            }
            result.add(new TokenStates(states.get(t), starts, ends));
        }
        return result;
    }

    /** Word pieces of a text: the vector of each and the characters [start, end) it covers. */
    public record TokenStates(float[][] states, int[] starts, int[] ends) {
        public int size() {
            return states.length;
        }
    }

    /** The last layer for the windows at {@code members}, padded to the longest of them. */
    private float[][][] lastLayer(List<long[]> windows, int[] members) {
        int length = 0;
        for (int member : members) {
            length = Math.max(length, windows.get(member).length);
        }
        long[][] ids = new long[members.length][length];
        long[][] mask = new long[members.length][length];
        for (int i = 0; i < members.length; i++) {
            long[] window = windows.get(members[i]);
            System.arraycopy(window, 0, ids[i], 0, window.length);
            Arrays.fill(mask[i], 0, window.length, 1);
        }
        return infer(ids, mask, new long[members.length][length], result -> (float[][][]) result.get(0).getValue());
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
        wordPieces.close();
    }

    private static IllegalStateException notOnClassPath(String resource, EncoderSpec spec) {
        return new IllegalStateException("encoder " + spec.id() + " is not on the classpath: add dependency dev.langchain4j:"
                + spec.mavenArtifact() + " (resource " + resource + "); the distribution's hub runs without the jars in"
                + " lib/tools, which AGENT_HUB_CLASSPATH adds (docs/operations.md, \"Distribution\")");
    }

    /**
     * A resource's bytes, read into one array of its size when the jar says it: reading a model of tens of
     * megabytes without knowing its size holds it twice in the heap, in parts and then whole.
     */
    static byte[] readResource(String resource, EncoderSpec spec) {
        URL url = OnnxEncoder.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw notOnClassPath(resource, spec);
        }
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            try (InputStream in = connection.getInputStream()) {
                if (size < 0 || size > Integer.MAX_VALUE - 8) {
                    return in.readAllBytes();
                }
                byte[] bytes = new byte[(int) size];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read != bytes.length || in.read() != -1) {
                    throw new IOException(resource + " is not the size its jar entry gives");
                }
                return bytes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
