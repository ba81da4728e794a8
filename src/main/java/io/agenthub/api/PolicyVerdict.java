package io.agenthub.api;

/**
 * What a flow's rules decided and why, in words a customer can follow: recorded as a {@code policy} step,
 * shown in the request's explanation (GDPR Art. 22), and contestable.
 *
 * @param policy  which rule set decided, e.g. {@code lost-card}
 * @param verdict what it decided, e.g. {@code block card CRD-1001-1}
 * @param reason  why, e.g. {@code it is the customer's only active card}
 */
public record PolicyVerdict(String policy, String verdict, String reason) {
}
