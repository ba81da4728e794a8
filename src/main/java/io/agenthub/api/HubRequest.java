package io.agenthub.api;

/**
 * One request to the hub, whichever channel it came by (HTTP, JMS, file, schedule).
 *
 * @param tenant          the organisation the request is processed for; must be a known tenant
 * @param channel         where the customer spoke to us (app, web, branch, esb, ...)
 * @param subjectId       the customer or policy holder the request is about
 * @param text            what the customer asked, in their words
 * @param idempotencyKey  optional; a repeated key returns the first answer instead of acting twice
 * @param correlationId   optional; the caller's own id, echoed in logs and the stored request
 */
public record HubRequest(String tenant, String channel, String subjectId, String text,
                         String idempotencyKey, String correlationId) {
}
