package io.agenthub.slm;

/** How token vectors become one sentence vector; each encoder was trained for one of these. */
public enum Pooling {
    /** Mean of the token vectors under the attention mask (MiniLM, e5). */
    MEAN,
    /** The first ([CLS]) token's vector (bge). */
    CLS
}
