package io.agenthub.flows;

import io.agenthub.api.FlowResult;
import io.agenthub.capability.CascadeAnswer;

/**
 * The fallback flow's words: why a request goes to people, and what the customer is told. The review item is
 * queued with the answer, in the same transaction.
 */
public final class StaffReferral {

    public String reason(CascadeAnswer intent) {
        if (intent.escalated()) {
            return intent.label() == null ? "no tier answered" : "no tier was confident enough";
        }
        return "no automated flow for intent " + intent.label();
    }

    public FlowResult referred(CascadeAnswer intent) {
        String why = intent.escalated()
                ? "We could not tell what you need automatically."
                : "This request needs a member of staff.";
        return FlowResult.referred(why + " A member of staff will follow up.", reason(intent));
    }
}
