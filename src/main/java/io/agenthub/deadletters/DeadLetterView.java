package io.agenthub.deadletters;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.agenthub.api.Problem;

import java.time.Instant;

/**
 * A dead letter as an operator sees it: where it is, where it came from and why, never what it says.
 *
 * @param id           pass it to replay or purge
 * @param source       {@code hub}: a request the hub could not complete or answer (the hub's dead-letter queue);
 *                     {@code broker}: a message the broker gave up on after its delivery attempts (its DLQ)
 * @param at           when the hub dead-lettered it; for the broker's letters, when the message was sent
 * @param ingress      the route it came in by, or for the broker's letters the queue it was meant for
 * @param problem      why (type, title, status, detail)
 * @param requestId    the request's id when it had been admitted
 * @param jmsMessageId the JMS message it came in, when it came by JMS
 * @param replayable   whether replay can send it to the front door again
 * @param tenant       the tenant it was sent for, when it can be told (the request's, or its sender's only tenant);
 *                     operators see the letters of their tenants, and those of no known tenant only if they are
 *                     operators of every tenant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetterView(String id, String source, Instant at, String ingress, Problem problem, String requestId,
                             String jmsMessageId, boolean replayable, String tenant) {
}
