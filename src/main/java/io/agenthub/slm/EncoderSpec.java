package io.agenthub.slm;

/**
 * Where an encoder's files are and how to use them. The ONNX model and its tokenizer are read from the
 * classpath: they ship inside Maven jars, so nothing is downloaded at run time.
 *
 * @param prefix     prepended to every text (e5 expects {@code "query: "})
 * @param maxTokens  longer texts are truncated; intents are short, and attention cost grows with the square
 */
public record EncoderSpec(String id, String modelResource, String tokenizerResource, Pooling pooling, String prefix,
                          int maxTokens, String mavenArtifact) {
}
