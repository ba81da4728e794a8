package io.agenthub.slm;

import java.util.List;

/**
 * Where an encoder's files are and how to use them. The ONNX model and its tokenizer are read from the
 * classpath: they ship inside Maven jars, so nothing is downloaded at run time.
 *
 * @param network     the network's own name; several encoders may read the same network differently
 * @param prefix      prepended to every text (e5 expects {@code "query: "})
 * @param maxTokens   longer texts are truncated; intents are short, and attention cost grows with the square
 * @param innerLayers transformer layers (0-based) pooled in addition to the last one, each pooled and
 *                    normalised on its own and concatenated after it: the layers below the top carry more
 *                    of the wording that tells near-synonymous intents apart
 * @param depth       transformer layers run, from the bottom; 0 runs them all. A network cut after its
 *                    lower layers costs that much less, and its lower layers already know names and places
 */
public record EncoderSpec(String id, String network, String modelResource, String tokenizerResource, Pooling pooling,
                          String prefix, int maxTokens, String mavenArtifact, List<Integer> innerLayers, int depth) {

    public EncoderSpec {
        innerLayers = List.copyOf(innerLayers);
    }

    /** The ONNX tensor holding the output of transformer layer {@code layer} in the exported BERT graphs. */
    public static String layerOutput(int layer) {
        return "/encoder/layer." + layer + "/output/LayerNorm/Add_1_output_0";
    }
}
