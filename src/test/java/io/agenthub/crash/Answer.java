package io.agenthub.crash;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What the hub answered for one key: the HTTP status (or the JMS reply's HubStatus), the request id and
 * the outcome ({@code completed}, ... or {@code problem:<slug>} for a problem document).
 */
record Answer(int status, String requestId, String outcome, JsonNode body) {

    static Answer of(int status, String requestIdHeader, JsonNode body) {
        String requestId = body.hasNonNull("requestId") ? body.get("requestId").asText() : requestIdHeader;
        String outcome;
        if (body.hasNonNull("outcome")) {
            outcome = body.get("outcome").asText();
        } else {
            String type = body.path("type").asText("");
            outcome = "problem:" + type.substring(type.lastIndexOf(':') + 1);
        }
        return new Answer(status, requestId, outcome, body);
    }

    /** A 409 request-in-progress: the first request with this key has not finished; ask again later. */
    boolean inProgress() {
        return status == 409;
    }

    /** Busy or down answers that say nothing about the request: 429 (over a limit), 503, 502 without a request id. */
    boolean transientFailure() {
        return status == 429 || status == 503 || (status >= 500 && requestId == null);
    }

    boolean isFinal() {
        return !inProgress() && !transientFailure();
    }

    /** Two answers agree when they name the same request and the same outcome. */
    boolean sameAs(Answer other) {
        return java.util.Objects.equals(requestId, other.requestId) && outcome.equals(other.outcome);
    }

    /** Card ids the answer says were blocked ({@code actions[]} of type block-card with status BLOCKED). */
    List<String> blockedCards() {
        List<String> cards = new ArrayList<>();
        for (JsonNode action : body.path("actions")) {
            if ("block-card".equals(action.path("type").asText()) && "BLOCKED".equals(action.path("status").asText())) {
                String target = action.path("target").asText();
                cards.add(target.startsWith("card:") ? target.substring("card:".length()) : target);
            }
        }
        return cards;
    }

    @Override
    public String toString() {
        return status + " " + outcome + " " + requestId;
    }
}
