package io.agenthub.flows.fraud;

import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.jobs.JobRecords;
import io.agenthub.store.Ledger;
import io.agenthub.store.Referrals;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves an awaited fraud alert on, each in one transaction with its audit step and the re-opening of the alert's
 * request (which then runs its flow again, through process-request): by the customer's reply, read by
 * {@link CustomerReplyRules}, or by silence past the deadline. A request re-opened and not yet answered is re-run by
 * request recovery should the hub stop first, so each decided alert is acted on once.
 * <ul>
 *   <li>An outreach id no alert has, another tenant's, or one whose message has not gone out yet: 404, refused
 *       (dead-lettered with its reason when the message has no JMSReplyTo).</li>
 *   <li>A reply to an alert decided already (a second reply, or one after the deadline): kept in the audit trail and
 *       not acted on; when it reads otherwise than the alert was decided, people are asked to look (a review item).</li>
 * </ul>
 */
public final class FraudAlertTransitions {

    /** What the route runs again: the alert's request, re-opened. */
    public record Rerun(String requestId, HubRequest request) {
    }

    /** What the sender of a reply is answered (when it asks, with JMSReplyTo). */
    public record ReplyTaken(String outreachId, String alertStatus, boolean actedOn) {
    }

    static final String NO_REPLY = "no-reply";
    private static final String UNKNOWN = "No outreach awaits a reply under this outreachId.";

    private final FraudAlerts alerts;
    private final CustomerReplyRules rules;
    private final Ledger ledger;
    private final Referrals reviews;
    private final TransactionTemplate tx;

    public FraudAlertTransitions(FraudAlerts alerts, CustomerReplyRules rules, Ledger ledger, Referrals reviews,
                                 TransactionTemplate tx) {
        this.alerts = alerts;
        this.rules = rules;
        this.ledger = ledger;
        this.reviews = reviews;
        this.tx = tx;
    }

    /** The sender of an alert must be a channel of the alert's tenant. */
    public void sentBy(FraudAlert alert, Caller caller) {
        if (!caller.holds(Role.CHANNEL, alert.tenant())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The sender is no channel of the alert's tenant.");
        }
    }

    /** Takes the customer's reply: the request to run again when it decided the alert, else null. */
    public Rerun reply(CustomerReply reply, Caller caller) {
        return tx.execute(status -> {
            StoredAlert alert = alerts.byOutreach(reply.outreachId())
                    .filter(a -> caller.holds(Role.CHANNEL, a.tenant()))
                    .filter(a -> a.status() != AlertStatus.RECEIVED && a.requestId() != null)
                    .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, UNKNOWN));
            ReplyReading reading = rules.read(reply.text());
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("alertId", alert.alertId());
            detail.put("outreachId", alert.outreachId());
            detail.put("reading", reading.verdict().wireName());
            detail.put("rule", reading.rule());
            detail.put("textLength", reply.text().length());
            detail.put("textDigest", digest(reply.text()));
            if (alert.status() == AlertStatus.AWAITING_CUSTOMER
                    && alerts.decide(alert, reading.verdict().status(), reading.verdict().wireName(), reading.rule())) {
                ledger.steps().step(alert.requestId(), "customer-replied", detail);
                return reopen(alert);
            }
            StoredAlert now = alerts.byOutreach(reply.outreachId()).orElseThrow();
            detail.put("alertStatus", now.status().wireName());
            ledger.steps().step(alert.requestId(), "late-customer-reply", detail);
            if (reading.verdict().status() != now.status()) {
                reviews.queue(alert.requestId(), intent(), "Fraud alert " + alert.alertId() + ": a later reply of the"
                        + " customer reads " + reading.verdict().wireName() + " (" + reading.rule() + ") but the alert was "
                        + now.status().wireName() + "; check with the customer.");
            }
            return null;
        });
    }

    /** The customer did not answer by the deadline: people take the alert up. Null when it was answered meanwhile. */
    public Rerun silence(StoredAlert alert) {
        return tx.execute(status -> {
            if (!alerts.decide(alert, AlertStatus.ESCALATED, NO_REPLY, NO_REPLY)) {
                return null;
            }
            ledger.steps().step(alert.requestId(), "customer-silent", Map.of("alertId", alert.alertId(),
                    "deadline", String.valueOf(alert.deadline())));
            return reopen(alert);
        });
    }

    /**
     * The alert's request's answer as stored, for the fraud engine when it asks (JMSReplyTo): the same for the alert
     * sent again; while the request is still being handled (a crash interrupted it), only its id and that it is.
     */
    public Object answerOf(String requestId) {
        com.fasterxml.jackson.databind.JsonNode reply = ledger.records().find(requestId).reply();
        return reply != null ? reply : Map.of("requestId", requestId, "outcome", "in-progress");
    }

    /** Where the alert of an outreach stands now, for the reply's sender. */
    public ReplyTaken taken(CustomerReply reply, Rerun rerun) {
        return new ReplyTaken(reply.outreachId(), alerts.byOutreach(reply.outreachId()).map(a -> a.status().wireName())
                .orElse(null), rerun != null);
    }

    private Rerun reopen(StoredAlert alert) {
        HubRequest request = ledger.requests().reopen(alert.requestId()).orElseThrow(() -> new ProblemException(
                ProblemType.REQUEST_IN_PROGRESS, "The alert's request is being handled; send the reply again later."));
        return new Rerun(alert.requestId(), request);
    }

    private static CascadeAnswer intent() {
        return new CascadeAnswer("job:" + FraudAlertFlow.EVENTS, FraudAlertFlow.FLOW, 1.0, JobRecords.TIER, null, false, List.of());
    }

    private static String digest(String text) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
