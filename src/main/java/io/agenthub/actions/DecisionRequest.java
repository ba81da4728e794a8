package io.agenthub.actions;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person's decision on an approval, as {@code POST /api/v1/approvals/{id}/decision} and JMS
 * {@code hub.approval-decisions} carry it: {@code {"decision":"approve"|"deny"|"edit","parameters"?:{...},"reason":"..."}}.
 */
public record DecisionRequest(Kind decision, Map<String, Object> parameters, String reason) {

    public enum Kind {
        APPROVE, DENY, EDIT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final int LONGEST_REASON = 2000;
    private static final Set<String> FIELDS = Set.of("decision", "parameters", "reason", "approvalId");

    /** The decision in a body already parsed as strict JSON; a 400 problem naming what is wrong otherwise. */
    public static DecisionRequest read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The body must be a JSON object such as {\"decision\":\"approve\",\"reason\":\"...\"}.");
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw invalid("Unknown field '" + name + "'; a decision has decision, parameters (for edit) and reason.");
            }
        });
        String decided = body.path("decision").asText("");
        Kind kind = switch (decided) {
            case "approve" -> Kind.APPROVE;
            case "deny" -> Kind.DENY;
            case "edit" -> Kind.EDIT;
            default -> throw invalid("decision must be approve, deny or edit.");
        };
        JsonNode reasonNode = body.path("reason");
        if (!reasonNode.isTextual() || reasonNode.asText().isBlank()) {
            throw invalid("Give a reason: it is kept with the decision (no personal data, please).");
        }
        if (reasonNode.asText().length() > LONGEST_REASON) {
            throw invalid("The reason is longer than " + LONGEST_REASON + " characters.");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        JsonNode given = body.path("parameters");
        if (kind == Kind.EDIT) {
            if (!given.isObject() || given.isEmpty()) {
                throw invalid("An edit gives the changed parameters: {\"decision\":\"edit\",\"parameters\":{...}}.");
            }
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) given::fields) {
                JsonNode value = field.getValue();
                if (value.isTextual() && value.asText().length() <= 500) {
                    parameters.put(field.getKey(), value.asText());
                } else if (value.isNumber()) {
                    parameters.put(field.getKey(), new BigDecimal(value.asText()));
                } else if (value.isBoolean()) {
                    parameters.put(field.getKey(), value.asBoolean());
                } else {
                    throw invalid("parameters." + field.getKey() + " must be a text (at most 500 characters), a number"
                            + " or true/false.");
                }
            }
        } else if (!given.isMissingNode()) {
            throw invalid("Only an edit gives parameters.");
        }
        return new DecisionRequest(kind, parameters, reasonNode.asText().strip());
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, detail));
    }
}
