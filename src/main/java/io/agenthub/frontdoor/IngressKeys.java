package io.agenthub.frontdoor;

import io.agenthub.api.HubRequest;
import io.agenthub.pii.RedactedRequest;

/**
 * Gives a request without an idempotency key the one its transport already has (a JMS message id), so a
 * message redelivered after a crash finds the request it started instead of starting a second one.
 */
public final class IngressKeys {

    public RedactedRequest keyed(RedactedRequest redacted, String ingressKey) {
        HubRequest request = redacted.request();
        if (request.idempotencyKey() != null || ingressKey == null || ingressKey.isBlank()) {
            return redacted;
        }
        return new RedactedRequest(new HubRequest(request.tenant(), request.channel(), request.subjectId(), request.text(),
                ingressKey, request.correlationId()), redacted.found(), redacted.tokens(), redacted.textDigest());
    }
}
