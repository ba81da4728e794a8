package io.agenthub.frontdoor;

import io.agenthub.api.HubRequest;
import io.agenthub.api.Problem;
import java.time.Instant;

/**
 * What the hub's dead-letter queue holds for a request it could not complete or could not answer.
 *
 * @param requestId    set when the request had been admitted (it can then be looked up)
 * @param ingress      the route it came in by ({@code front-door-http}, {@code front-door-jms})
 * @param jmsMessageId the JMS message it came in, when it came by JMS
 * @param request      the request after pseudonymisation (tokens, never personal values), to replay it from;
 *                     null when it failed before that step, and then it cannot be replayed
 * @param problem      why; its detail is left out when the request was never pseudonymised, as it may quote the input
 * @param failedAt     when it failed
 */
public record DeadLetter(String requestId, String ingress, String jmsMessageId, HubRequest request, Problem problem,
                         Instant failedAt) {

    public boolean replayable() {
        return request != null;
    }
}
