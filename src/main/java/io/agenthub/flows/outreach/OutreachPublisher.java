package io.agenthub.flows.outreach;

import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.store.Publications;
import io.agenthub.store.StepOutbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a cleared {@code send-outreach} action (route execute-send-outreach): the message goes out on
 * {@code hub.outreach} through the publication outbox, written in the transaction that next makes the request durable
 * (with its answer), so a message is sent once the request says it was, never for a request a crash rolled back; an
 * outreach people approved later is written at once. The template and its version go into the request's audit trail.
 */
public final class OutreachPublisher {

    /** Where outreach messages go. */
    public static final String OUTREACH = "hub.outreach";

    private final Publications publications;
    private final StepOutbox steps;

    public OutreachPublisher(Publications publications, StepOutbox steps) {
        this.publications = publications;
        this.steps = steps;
    }

    public FlowResult publish(ActionOrder order) {
        ProposedAction action = order.action();
        OutreachMessage message = new OutreachMessage(action.text("outreachId"), order.tenant(), order.subjectId(),
                action.text("channel"), action.text("template"), action.text("templateVersion"), action.text("message"),
                action.text("reason"));
        Map<String, String> properties = Map.of("HubTenant", message.tenant(), "HubOutreachId", message.outreachId(),
                "HubChannel", message.channel());
        if (order.requestId() == null) {
            publications.publish(OUTREACH, properties, message);
        } else {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("outreachId", message.outreachId());
            detail.put("channel", message.channel());
            detail.put("template", message.template());
            detail.put("templateVersion", message.templateVersion());
            steps.step(order.requestId(), "outreach", detail);
            steps.withNextFlush(order.requestId(), () -> publications.publish(OUTREACH, properties, message));
        }
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.OUTREACH_SENT),
                List.of(new ActionTaken(action.type(), action.target(), "SENT", order.approvalId())));
    }
}
