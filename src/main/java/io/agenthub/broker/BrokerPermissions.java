package io.agenthub.broker;

import org.apache.activemq.artemis.core.security.Role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may do what on which address of the embedded broker (its security settings, matched most specific first).
 * The hub's own identity may do anything; a channel may only send requests, make and read its temporary reply
 * queues, and make and read its own tenant's durable reply queues. Everything else (other queues, the dead-letter
 * and expiry queues, management) is the hub's alone.
 */
public final class BrokerPermissions {

    /** The role of the hub's in-process identity. */
    public static final String HUB = "hub";
    /** The role of a caller holding the channel role for any tenant. */
    public static final String CHANNEL = "channel";
    /** Where Artemis files temporary queues (their names are UUIDs) for security matching: {@code temp.<uuid>}. */
    public static final String TEMPORARY_NAMESPACE = "temp";
    /** Where people's decisions on approvals arrive (hub.jms.approval-decisions-queue's default). */
    public static final String APPROVAL_DECISIONS = "hub.approval-decisions";
    /** Where the bank's fraud engine sends alerts (hub.jms.fraud-alerts-queue's default). */
    public static final String FRAUD_ALERTS = "bank.fraud-alerts";
    /** Where the bank's contact system relays customers' replies to outreach (hub.jms.outreach-replies-queue's default). */
    public static final String OUTREACH_REPLIES = "hub.outreach-replies";
    /** Where an insurer's systems send claim notices (hub.claims.queue's default). */
    public static final String CLAIMS = "hub.claims";
    /** Durable reply queues of a tenant's channels: {@code hub.replies.<tenant>.<any name>}. */
    public static final String REPLY_PREFIX = "hub.replies.";

    private BrokerPermissions() {
    }

    /** The broker role of a caller holding the channel role for {@code tenant}. */
    public static String channelOf(String tenant) {
        return CHANNEL + "@" + tenant;
    }

    /** The security settings: address match to the roles allowed there. */
    public static Map<String, Set<Role>> of(BrokerSettings settings) {
        Map<String, Set<Role>> matches = new LinkedHashMap<>();
        matches.put("#", Set.of(hub()));
        matches.put(settings.requestQueue(), Set.of(hub(), new Role(CHANNEL, true, false, false, false, false, false, false, false,
                false, false, false, false)));
        // Decisions on approvals from a bank's task system: any caller holding a deciding role may send; the decision
        // is the person's whose token the message carries, checked by the hub as over HTTP.
        Set<Role> deciders = new java.util.LinkedHashSet<>(Set.of(hub()));
        for (String role : List.of("approver", "compliance", "operator")) {
            deciders.add(new Role(role, true, false, false, false, false, false, false, false, false, false, false, false));
        }
        matches.put(APPROVAL_DECISIONS, deciders);
        // Events of a bank's or insurer's own systems (docs/fraud-alerts.md, docs/claims.md): its fraud engine, contact
        // system or claims intake log in as channels of their tenant and may send; the hub checks each message's sender
        // against the tenant it names.
        for (String events : List.of(FRAUD_ALERTS, OUTREACH_REPLIES, CLAIMS)) {
            matches.put(events, Set.of(hub(), new Role(CHANNEL, true, false, false, false, false, false, false, false,
                    false, false, false, false)));
        }
        // JMS request/reply: a temporary queue is made, read and dropped by its client; the hub sends the answer.
        // Their names are random UUIDs that only the hub sees (as JMSReplyTo), so no other channel can name one.
        matches.put(TEMPORARY_NAMESPACE + ".#", Set.of(hub(), new Role(CHANNEL, false, true, false, false, true, true, false, false,
                true, true, false, false)));
        for (String tenant : settings.tenants()) {
            // Durable replies that outlive a connection (or the broker), readable by that tenant's channels only.
            matches.put(REPLY_PREFIX + tenant + ".#", Set.of(hub(), new Role(channelOf(tenant), false, true, true, true, true, true,
                    false, true, true, true, false, false)));
        }
        return matches;
    }

    private static Role hub() {
        return new Role(HUB, true, true, true, true, true, true, true, true, true, true, true, true);
    }
}
