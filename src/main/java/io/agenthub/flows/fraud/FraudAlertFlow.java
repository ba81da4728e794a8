package io.agenthub.flows.fraud;

import io.agenthub.actions.ProposedAction;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.flows.outreach.OutreachTemplates;
import io.agenthub.jobs.JobRecord;
import io.agenthub.jobs.JobRun;
import io.agenthub.store.StepOutbox;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the fraud-alert flow (routes/fraud-alerts.camel.yaml). The flow runs once when the alert arrives and
 * once more when the customer's reply (or the deadline) has decided it; each time it goes by the alert's durable
 * status, so a re-run after a crash takes the same step under the same idempotency keys:
 * received: ask the customer ({@code send-outreach}); confirmed fraud: block the card ({@code block-card}, reason
 * fraud); not fraud: close it; escalated: refer it to people. Every change is written with the request's answer.
 */
public final class FraudAlertFlow {

    /** The flow's route id, and the "intent" its requests are recorded with. */
    public static final String FLOW = "fraud-alert";
    /** The job name its requests' idempotency keys are scoped by ({@code job:fraud-alerts}). */
    public static final String EVENTS = "fraud-alerts";
    public static final String TEMPLATE = "fraud-confirm-payment";
    /** The variables {@link #TEMPLATE} may use. */
    public static final Set<String> TEMPLATE_VARIABLES = Set.of("amount", "currency", "merchant", "date");

    private final FraudAlerts alerts;
    private final OutreachTemplates templates;
    private final StepOutbox steps;
    private final String channel;

    /** @param channel how the customer is asked (the contact system's channel: sms, push, email...) */
    public FraudAlertFlow(FraudAlerts alerts, OutreachTemplates templates, StepOutbox steps, String channel) {
        this.alerts = alerts;
        this.templates = templates;
        this.steps = steps;
        this.channel = channel;
    }

    /**
     * The alert as an event of its tenant: a run of no job (nothing is counted), whose id is the JMS message's, so the
     * request's correlation id finds the message it came in.
     */
    public JobRun event(FraudAlert alert, String messageId, String sender) {
        return new JobRun(messageId, EVENTS, alert.tenant(), null, false, sender);
    }

    /** One alert as one hub request's record, keyed {@code fraud-alert:<alertId>}. */
    public JobRecord record(FraudAlert alert) {
        return new JobRecord(alert.recordKey(), alert.subjectId(), alert.describe(), FLOW, Map.of("alertId", alert.alertId()));
    }

    /** The alert the request is for, read again from the database: the flow never relies on the message. */
    public StoredAlert alertOf(HubRequest request) {
        return alerts.ofRequest(request.tenant(), request.idempotencyKey()).orElseThrow(() ->
                new IllegalStateException("request is no fraud alert's: its key names no alert"));
    }

    /** Ask the customer whether they made the payment: a message on hub.outreach, through the gate. */
    public ProposedAction outreach(StoredAlert alert) {
        Map<String, String> values = Map.of("amount", alert.amount().toPlainString(), "currency", alert.currency(),
                "merchant", alert.merchant(), "date", alert.transactionAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("outreachId", alert.outreachId());
        parameters.put("channel", channel);
        parameters.put("template", TEMPLATE);
        parameters.put("templateVersion", templates.version());
        parameters.put("message", templates.render(TEMPLATE, values));
        parameters.put("reason", "fraud-alert");
        parameters.put("alertId", alert.alertId());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("alertId", alert.alertId());
        evidence.put("score", alert.score());
        return new ProposedAction("send-outreach", "outreach:" + alert.outreachId(), parameters, null, null,
                ProposedAction.Risk.LOW, "the fraud engine flagged a card payment (alert " + alert.alertId()
                + "); the customer is asked whether they made it", evidence);
    }

    /** The customer was asked: their answer is awaited, from the moment this answer is durable. */
    public FlowResult asked(StoredAlert alert, String requestId, FlowResult outreach) {
        steps.step(requestId, "fraud-alert", Map.of("alertId", alert.alertId(), "status", AlertStatus.AWAITING_CUSTOMER.wireName()));
        steps.withNextFlush(requestId, () -> alerts.awaiting(alert, requestId));
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.FRAUD_CUSTOMER_ASKED), outreach.actions());
    }

    /** The customer said it was not them: block the card, for fraud, through the gate (block-card is auto). */
    public ProposedAction block(StoredAlert alert) {
        return new ProposedAction("block-card", "card:" + alert.cardId(),
                Map.of("cardId", alert.cardId(), "reason", "FRAUD_SUSPECTED"), null, null, ProposedAction.Risk.LOW,
                "the customer said they did not make the payment of fraud alert " + alert.alertId(),
                Map.of("alertId", alert.alertId(), "replyRule", String.valueOf(alert.replyRule())));
    }

    /** The card is blocked (or its block waits for people, when an operator paused the action): the alert is closed. */
    public FlowResult blocked(StoredAlert alert, String requestId, FlowResult block) {
        close(alert, requestId);
        if (block.outcome() != Outcome.COMPLETED || block.text() == null) {
            return block;
        }
        Map<String, Object> card = block.text().values();
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.FRAUD_CARD_BLOCKED, "brand", card.get("brand"),
                "last4", card.get("last4")), block.actions());
    }

    /** The customer made the payment: nothing to do. */
    public FlowResult notFraud(StoredAlert alert, String requestId) {
        close(alert, requestId);
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.FRAUD_NOT_FRAUD));
    }

    /** An unclear reply, or silence past the deadline: people take it up, with a review item. */
    public FlowResult escalated(StoredAlert alert, String requestId) {
        close(alert, requestId);
        String why = "no-reply".equals(alert.replyRule()) ? "the customer did not answer by the deadline"
                : "the customer's reply was unclear (" + alert.replyRule() + ")";
        return FlowResult.referred(ReplyText.of(ReplyKey.FRAUD_ESCALATED), "Fraud alert " + alert.alertId() + " on card "
                + alert.cardId() + ": " + why + "; confirm the payment with the customer and block the card if it was not theirs.");
    }

    private void close(StoredAlert alert, String requestId) {
        steps.step(requestId, "fraud-alert", Map.of("alertId", alert.alertId(), "status", alert.status().wireName(),
                "closed", true));
        steps.withNextFlush(requestId, () -> alerts.closed(alert));
    }
}
