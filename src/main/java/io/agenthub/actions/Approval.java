package io.agenthub.actions;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * An action waiting for, or decided by, people: as {@code GET /api/v1/approvals/{id}} shows it, and as it is published
 * on JMS {@code hub.approvals} with each change of state.
 *
 * @param requestId   the request whose flow proposed it; null for an action asked for over the API (an erasure)
 * @param digest      SHA-256 of the action's arguments: what the approvals are bound to
 * @param approvals   how many distinct people have approved the arguments as they are now
 * @param requestedBy who asked for what led to it (the request's caller, or the officer who asked); may not approve
 * @param proposedBy  the flow route (or person) that proposed it; may not approve
 * @param text        the request's pseudonymised text, for the people who decide
 * @param result      what the back-end answered when it ran, or why it did not
 */
public record Approval(String approvalId, String requestId, String tenant, String channel, String subjectId,
                       ApprovalState state, ProposedAction action, String digest, Policy policy, int approvals,
                       List<Decision> decisions, String requestedBy, String proposedBy, String text, Instant createdAt,
                       Instant deadline, Instant executedAt, JsonNode result) {

    /** The rule of compliance/actions.yaml as it applied when the action was proposed. */
    public record Policy(String rule, String approvers, int approvalsNeeded, String matched, String escalation,
                         String deadline, List<String> editable) {

        static Policy of(ActionPolicy.AppliedRule rule) {
            return new Policy(rule.rule().wireName(), rule.approvers(), rule.approvalsNeeded(), rule.matched(),
                    rule.escalation(), rule.deadline().toString(), rule.editable());
        }
    }

    /** One person's decision, bound to the arguments before and after it. */
    public record Decision(String decidedBy, String decision, String reason, String digestBefore, String digestAfter,
                           Instant at) {
    }
}
