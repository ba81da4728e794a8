package io.agenthub.flows;

import io.agenthub.capability.CascadeAnswer;
import org.apache.camel.Variable;

/**
 * The fallback flow's words: why a request goes to people, and what the customer is told. The request
 * itself is queued durably by the review queue.
 */
public final class StaffReferral {

    public String reason(@Variable("intent") CascadeAnswer intent) {
        if (intent.escalated()) {
            return intent.label() == null ? "no tier answered" : "no tier was confident enough";
        }
        return "no automated flow for intent " + intent.label();
    }

    public FlowResult referred(@Variable("intent") CascadeAnswer intent) {
        String why = intent.escalated()
                ? "We could not tell what you need automatically."
                : "This request needs a member of staff.";
        return FlowResult.of(Outcome.REFERRED, why + " A member of staff will follow up.");
    }
}
