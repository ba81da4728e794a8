package io.agenthub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.api.BackendRefusedException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** What every back-end's typed operations share: reading an answer's status, and the checks on what a call carries. */
public final class ConnectorAnswers {

    private static final Pattern PROBLEM_SLUG = Pattern.compile("[a-z0-9-]{1,64}");

    private ConnectorAnswers() {
    }

    /**
     * A 4xx is the back-end's refusal ({@link BackendRefusedException}: the flow's to interpret), anything else not OK
     * its failure ({@link BackendException}). Named by connector, operation, status and problem kind only.
     */
    public static void expectOk(String connector, ConnectorResponse answer, String operation) {
        if (answer.status() >= 400 && answer.status() < 500) {
            throw new BackendRefusedException(connector + " " + operation + " answered " + answer.status()
                    + problemKind(answer), answer.status());
        }
        if (!answer.ok()) {
            throw new BackendException(connector + " " + operation + " answered " + answer.status() + problemKind(answer));
        }
    }

    /**
     * A list the back-end answers: empty when it knows no such owner (404; a customer with no policies is not an
     * error), else its items after {@link #expectOk}.
     */
    public static <T> List<T> listOf(String connector, ObjectMapper json, ConnectorResponse answer, String operation,
                                     Class<T[]> type) {
        if (answer.status() == 404) {
            return List.of();
        }
        expectOk(connector, answer, operation);
        return Arrays.asList(json.convertValue(answer.body(), type));
    }

    /** The problem type's last segment, e.g. {@code " (already-disputed)"}; never its detail, which may quote data. */
    private static String problemKind(ConnectorResponse answer) {
        JsonNode type = answer.body() == null ? null : answer.body().get("type");
        if (type == null || !type.isTextual()) {
            return "";
        }
        String slug = type.textValue().substring(type.textValue().lastIndexOf('/') + 1);
        return PROBLEM_SLUG.matcher(slug).matches() ? " (" + slug + ")" : "";
    }

    /** A write without its key could act twice; an empty reason or currency is a flow's mistake, not the back-end's. */
    public static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** A value as one path segment of a URL. */
    public static String segment(String pathSegment) {
        return URLEncoder.encode(required(pathSegment, "path segment"), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
