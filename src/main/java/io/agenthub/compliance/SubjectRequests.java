package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.DataSubject;
import io.agenthub.api.FieldError;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;

import java.util.List;
import java.util.Map;

/**
 * Data-subject requests over HTTP for the compliance role (GDPR Art. 15 and 17), for the tenant the route has
 * checked the caller holds: the export, and the erasure. A subject the tenant holds nothing for is 404.
 */
public final class SubjectRequests {

    static final int MAX_REASON_CHARS = 500;

    private final SubjectRights rights;
    private final StrictJson json;

    public SubjectRequests(SubjectRights rights, ObjectMapper json) {
        this.rights = rights;
        this.json = new StrictJson(json);
    }

    public ObjectNode export(String subjectId, String tenant, String caller) {
        return rights.export(held(subjectId, tenant), caller);
    }

    /**
     * The erasure a compliance officer asks for, as the action {@code erase-subject} for the gate: it deletes, so it
     * waits for a second compliance officer's approval (compliance/actions.yaml) and runs through
     * {@link #eraseApproved}. 404 for a subject the tenant holds nothing for; 400 without a reason.
     */
    public ProposedAction erasure(String subjectId, String tenant, byte[] body) {
        DataSubject subject = held(subjectId, tenant);
        return new ProposedAction("erase-subject", "subject:" + subject.subjectId(),
                Map.of("subjectId", subject.subjectId(), "reason", reason(body)), null, null, ProposedAction.Risk.HIGH,
                "a data subject's erasure (GDPR Art. 17)", Map.of());
    }

    /** The approved erasure, done: crypto-shredding, recorded with the approval that cleared it. */
    public FlowResult eraseApproved(ActionOrder order) {
        DataSubject subject = new DataSubject(order.tenant(), order.action().text("subjectId"));
        SubjectRights.Erasure erasure = rights.erase(subject, order.action().text("reason"), order.clearedBy());
        return FlowResult.saying(Outcome.COMPLETED, null, List.of(new ActionTaken(order.action().type(),
                order.action().target(), "ERASED", order.approvalId())));
    }

    private DataSubject held(String subjectId, String tenant) {
        DataSubject subject = new DataSubject(tenant, subjectId == null ? "" : subjectId);
        if (!rights.subjectsWithId(subject.subjectId()).contains(subject)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No data is held for this subject.");
        }
        return subject;
    }

    /** Why the subject is erased (their request, a court order...), kept with the audit event; required. */
    private String reason(byte[] body) {
        JsonNode reason = body == null || body.length == 0 ? null : json.read(body).get("reason");
        if (reason == null || !reason.isTextual() || reason.asText().isBlank() || reason.asText().length() > MAX_REASON_CHARS) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "Say why the subject is erased.",
                    List.of(new FieldError("reason", "is required, at most " + MAX_REASON_CHARS + " characters"))));
        }
        return reason.asText().strip();
    }
}
