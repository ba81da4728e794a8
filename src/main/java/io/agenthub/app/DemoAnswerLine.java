package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.store.RequestRecord;

import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;

/**
 * The demo stream's log line for one answer: the request's text as the hub stored it, pseudonymised (names and
 * numbers already tokens such as {@code <PERSON_1>}), beside what the hub made of it. The text the demo sent is
 * never logged: only the stored copy, which the front door redacted before anything else saw it.
 */
public final class DemoAnswerLine {

    private final Function<String, RequestRecord> storedRequests;
    private final ObjectMapper json;

    /** @param storedRequests the stored request of a request id, as {@code GET /api/v1/requests/{id}} shows it */
    public DemoAnswerLine(Function<String, RequestRecord> storedRequests, ObjectMapper json) {
        this.storedRequests = storedRequests;
        this.json = json;
    }

    /**
     * @param requestId the reply's {@code HubRequestId}; absent when the front door refused the request before
     *                  storing it, and then there is no redacted text to show
     * @param reply     the answer (or problem) the front door sent back
     */
    public String line(String requestId, String reply) throws IOException {
        JsonNode answer = json.readTree(reply);
        String outcome = answer.hasNonNull("outcome") ? answer.path("outcome").asText()
                : "problem " + answer.path("status").asText("?") + " " + answer.path("title").asText("");
        if (requestId == null || requestId.isBlank()) {
            return "request refused before it was stored: " + outcome;
        }
        String text = storedRequests.apply(requestId).text();
        StringBuilder line = new StringBuilder("request ").append(requestId).append(' ')
                .append(text == null ? "(text erased)" : quoted(text));
        if (answer.hasNonNull("intent")) {
            line.append(" -> ").append(answer.path("intent").asText())
                    .append(String.format(Locale.ROOT, " (%.2f, %s)", answer.path("confidence").asDouble(),
                            answer.path("tier").asText("?")));
        }
        line.append(": ").append(outcome);
        if (answer.path("escalated").asBoolean(false)) {
            line.append(", escalated to people");
        }
        if (answer.hasNonNull("message")) {
            line.append(", ").append(quoted(answer.path("message").asText()));
        }
        return line.toString();
    }

    /** On one line whatever the text holds, so one request is one log line. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
