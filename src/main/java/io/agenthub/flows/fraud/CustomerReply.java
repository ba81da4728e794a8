package io.agenthub.flows.fraud;

/** A customer's answer to an outreach, as the bank's contact system relays it on {@code hub.outreach-replies}. */
public record CustomerReply(String outreachId, String text) {
}
