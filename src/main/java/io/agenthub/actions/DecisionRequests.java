package io.agenthub.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;

import java.nio.charset.StandardCharsets;

/** Reads a decision from an HTTP body or a JMS message, as strict JSON (duplicate keys, trailing data refused). */
public final class DecisionRequests {

    private final StrictJson json;

    public DecisionRequests(ObjectMapper json) {
        this.json = new StrictJson(json);
    }

    public DecisionRequest read(Object body) {
        return DecisionRequest.read(parse(body));
    }

    /** The approval a JMS decision names in its {@code approvalId} field. */
    public String approvalId(Object body) {
        JsonNode id = parse(body).path("approvalId");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "A decision sent over JMS names its approvalId.");
        }
        return id.asText();
    }

    private JsonNode parse(Object body) {
        byte[] bytes = body instanceof byte[] b ? b : body == null ? new byte[0]
                : body.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "Send the decision as a JSON object.");
        }
        return json.read(bytes);
    }
}
