package io.agenthub.flows.outreach;

/**
 * What the hub publishes on JMS {@code hub.outreach} for the bank's contact systems (DESIGN: the body of each message;
 * its properties are HubTenant, HubOutreachId, HubChannel). The customer's reply comes back on
 * {@code hub.outreach-replies} under {@code outreachId}.
 */
public record OutreachMessage(String outreachId, String tenant, String subjectId, String channel, String template,
                              String templateVersion, String message, String reason) {
}
