package io.agenthub.actions;

import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;

import java.util.List;

/**
 * What a request that waited for people is finally told when its action does not run: denied or cancelled, it is
 * declined; expired or failed, it goes to staff (its review item is queued with the answer that promises contact).
 */
public final class ActionEndings implements Approvals.Endings {

    @Override
    public FlowResult denied(Approval approval) {
        return new FlowResult(Outcome.DECLINED, null, taken(approval, "DENIED"), null, ReplyText.of(ReplyKey.ACTION_DENIED));
    }

    @Override
    public FlowResult expired(Approval approval) {
        return FlowResult.referred(ReplyText.of(ReplyKey.ACTION_EXPIRED), taken(approval, "EXPIRED"),
                "approval of " + approval.action().type() + " expired without a decision"
                        + (approval.policy().escalation() == null ? "" : "; escalation: " + approval.policy().escalation()));
    }

    @Override
    public FlowResult failed(Approval approval, String why) {
        return FlowResult.referred(ReplyText.of(ReplyKey.ACTION_FAILED), taken(approval, "FAILED"),
                "approved " + approval.action().type() + " failed: " + why);
    }

    @Override
    public FlowResult cancelled(Approval approval) {
        return new FlowResult(Outcome.DECLINED, null, taken(approval, "CANCELLED"), null,
                ReplyText.of(ReplyKey.ACTION_CANCELLED));
    }

    private static List<ActionTaken> taken(Approval approval, String status) {
        return List.of(new ActionTaken(approval.action().type(), approval.action().target(), status, approval.approvalId()));
    }
}
