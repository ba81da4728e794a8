package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of tier a capability's cascade can have, cheapest first. */
public enum TierKind {
    /** Trained head on in-process encoders (a model version under models/). */
    @JsonProperty("encoder-head") ENCODER_HEAD,
    /** Extraction in process: recognisers and normalisers with the word lists of a model version under models/. */
    @JsonProperty("recognizers") RECOGNIZERS,
    /** A generative model over HTTP (Ollama or OpenAI-compatible), given the earlier tiers' attempts. */
    @JsonProperty("llm") LLM,
    /** A GGUF model the user supplies, run in process by java-llama.cpp; extraction only, its output held to the schema by a grammar. */
    @JsonProperty("gguf") GGUF,
    /** People: the request waits in the durable review queue. */
    @JsonProperty("review-queue") REVIEW_QUEUE
}
