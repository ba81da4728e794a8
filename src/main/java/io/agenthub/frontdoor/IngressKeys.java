package io.agenthub.frontdoor;

import org.apache.camel.Variable;

/**
 * Gives a request without an idempotency key the one its transport already has (a JMS message id), so a
 * message redelivered after a crash finds the request it started instead of starting a second one.
 */
public final class IngressKeys {

    public HubRequest keyed(@Variable("request") HubRequest request, @Variable("ingressKey") String ingressKey) {
        if (request.idempotencyKey() != null || ingressKey == null || ingressKey.isBlank()) {
            return request;
        }
        return new HubRequest(request.tenant(), request.channel(), request.subjectId(), request.text(), ingressKey,
                request.correlationId());
    }
}
