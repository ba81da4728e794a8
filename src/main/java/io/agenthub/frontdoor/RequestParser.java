package io.agenthub.frontdoor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the raw body of a request (HTTP or JMS) into a {@link HubRequest}, or refuses it with a
 * problem that names every field at fault. Nothing downstream sees unvalidated input.
 */
public final class RequestParser {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+");

    private final ObjectMapper json;
    private final TenantDirectory tenants;
    private final int maxBodyBytes;
    private final int maxTextChars;

    public RequestParser(ObjectMapper json, TenantDirectory tenants, int maxBodyBytes, int maxTextChars) {
        this.json = json;
        this.tenants = tenants;
        this.maxBodyBytes = maxBodyBytes;
        this.maxTextChars = maxTextChars;
    }

    public HubRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty; send a JSON object.");
        }
        if (body.length > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body has " + body.length + " bytes; the limit is " + maxBodyBytes + ".");
        }
        JsonNode root = readTree(body);
        if (!root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>();
        String tenant = text(root, "tenant", 64, true, IDENTIFIER, errors);
        String channel = text(root, "channel", 32, true, IDENTIFIER, errors);
        String subjectId = text(root, "subjectId", 128, true, IDENTIFIER, errors);
        String text = text(root, "text", maxTextChars, true, null, errors);
        String idempotencyKey = text(root, "idempotencyKey", 200, false, PRINTABLE, errors);
        String correlationId = text(root, "correlationId", 200, false, PRINTABLE, errors);
        if (text != null && text.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
            errors.add(new FieldError("text", "must not contain control characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "The request has " + errors.size() + " invalid field(s).", errors));
        }
        Tenant known = tenants.find(tenant).orElseThrow(() -> new ProblemException(Problem.of(
                ProblemType.UNKNOWN_TENANT, "No tenant '" + tenant + "' is configured on this hub.",
                List.of(new FieldError("tenant", "unknown tenant")))));
        if (!known.accepts(channel)) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "Tenant '" + tenant + "' does not accept requests from channel '" + channel + "'.",
                    List.of(new FieldError("channel", "must be one of " + known.channels()))));
        }
        return new HubRequest(tenant, channel, subjectId, text.strip(), idempotencyKey, correlationId);
    }

    private JsonNode readTree(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body holds no JSON value.");
            }
            return root;
        } catch (JsonProcessingException e) {
            // The original message names line and column, and quotes no more than a token.
            throw new ProblemException(ProblemType.MALFORMED_JSON, e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")" : ""));
        } catch (java.io.IOException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body could not be read as JSON.");
        }
    }

    private static String text(JsonNode root, String field, int maxLength, boolean required, Pattern pattern,
                               List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            errors.add(new FieldError(field, "has characters that are not allowed"));
            return null;
        }
        return value;
    }
}
