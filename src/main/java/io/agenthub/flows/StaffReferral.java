package io.agenthub.flows;

import io.agenthub.api.FlowResult;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.capability.CascadeAnswer;

/**
 * The fallback flow: why a request goes to people (for them), and which text the customer is told (worded by the
 * templates, routes/messages/). The review item is queued with the answer, in the same transaction.
 */
public final class StaffReferral {

    public String reason(CascadeAnswer intent) {
        if (intent.escalated()) {
            return intent.label() == null ? "no tier answered" : "no tier was confident enough";
        }
        return "no automated flow for intent " + intent.label();
    }

    public FlowResult referred(CascadeAnswer intent) {
        return FlowResult.referred(ReplyText.of(intent.escalated() ? ReplyKey.REFERRAL_NOT_UNDERSTOOD : ReplyKey.REFERRAL_NO_FLOW),
                reason(intent));
    }
}
