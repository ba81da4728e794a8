package io.agenthub.api;

/** One action a flow carried out on a back-end, e.g. {@code block-card} on {@code card:CARD-1}. */
public record ActionTaken(String type, String target, String status) {
}
