package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.api.DataSubject;
import io.agenthub.api.FieldError;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;

import java.util.List;

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

    public SubjectRights.Erasure erase(String subjectId, String tenant, byte[] body, String caller) {
        DataSubject subject = held(subjectId, tenant);
        return rights.erase(subject, reason(body), caller);
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
