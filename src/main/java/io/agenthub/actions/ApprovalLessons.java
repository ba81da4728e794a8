package io.agenthub.actions;

import io.agenthub.store.GoldenExamples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every edit and denial of a proposed action is kept as a golden example, in the decision's transaction: the request's
 * pseudonymised text, the action as the person corrected (or refused) it, who decided, and what the flow and its
 * models proposed. Their capability is {@code action:<type>}, so an action's corrections can be exported on their own
 * ({@code agent-hub traces export --capability action:change-contact-details}).
 */
public final class ApprovalLessons implements Approvals.Lessons {

    private final GoldenExamples examples;

    public ApprovalLessons(GoldenExamples examples) {
        this.examples = examples;
    }

    @Override
    public void decided(Approval before, Approval after, String decidedBy, DecisionRequest decision) {
        GoldenExamples.Kind kind = switch (decision.decision()) {
            case EDIT -> GoldenExamples.Kind.EDIT;
            case DENY -> GoldenExamples.Kind.DENIAL;
            case APPROVE -> null;
        };
        if (kind == null) {
            return;
        }
        Map<String, Object> corrected = new LinkedHashMap<>();
        corrected.put("type", after.action().type());
        corrected.put("target", after.action().target());
        corrected.put("parameters", after.action().parameters());
        corrected.put("decision", decision.decision().wireName());
        corrected.put("digestBefore", before.digest());
        corrected.put("digestAfter", after.digest());
        Map<String, Object> proposed = new LinkedHashMap<>();
        proposed.put("parameters", before.action().parameters());
        proposed.put("reason", before.action().reason());
        proposed.put("evidence", before.action().evidence());
        proposed.put("proposedBy", before.proposedBy());
        examples.record("action:" + before.action().type(), before.tenant(), before.requestId(), before.text(), null,
                corrected, kind, decidedBy, proposed);
    }
}
