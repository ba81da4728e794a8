package io.agenthub.extract;

/** A span the tagger read as a slot: the slot's name, the characters {@code [start, end)}, and its mean tag probability. */
public record TaggedSpan(String name, int start, int end, double score) {
}
