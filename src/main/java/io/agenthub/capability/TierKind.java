package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of tier a capability's cascade can have, cheapest first; an attempt names its tier's kind. */
public enum TierKind {
    /** Trained head on in-process encoders (a model version under models/). */
    @JsonProperty("encoder-head") ENCODER_HEAD(true),
    /** Extraction in process: recognisers and normalisers with the word lists of a model version under models/. */
    @JsonProperty("recognizers") RECOGNIZERS(true),
    /** A generative model over HTTP (Ollama or OpenAI-compatible), given the earlier tiers' attempts. */
    @JsonProperty("llm") LLM(false),
    /** A GGUF model the user supplies, run in process by java-llama.cpp; extraction only, its output held to the schema by a grammar. */
    @JsonProperty("gguf") GGUF(true),
    /** People: the request waits in the durable review queue. */
    @JsonProperty("review-queue") REVIEW_QUEUE(false);

    private final boolean inProcess;

    TierKind(boolean inProcess) {
        this.inProcess = inProcess;
    }

    /** Answers in this process, sending nothing anywhere: what {@code predict}, {@code eval} and {@code extract} run offline. */
    public boolean inProcess() {
        return inProcess;
    }

    /** The name {@code kind:} gives it in processors/*.yaml. */
    public String declared() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
