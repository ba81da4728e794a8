package io.agenthub.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;

/** Reads a decision from an HTTP body or a JMS message, as strict JSON (duplicate keys, trailing data refused). */
public final class DecisionRequests {

    private final StrictJson json;

    public DecisionRequests(ObjectMapper json) {
        this.json = new StrictJson(json);
    }

    public DecisionRequest read(byte[] body) {
        return DecisionRequest.read(parse(body));
    }

    /** The approval a JMS decision names in its {@code approvalId} field. */
    public String approvalId(byte[] body) {
        JsonNode id = parse(body).path("approvalId");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A decision sent over JMS names its approvalId.");
        }
        return id.asText();
    }

    private JsonNode parse(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length == 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Send the decision as a JSON object.");
        }
        return json.read(bytes);
    }
}
