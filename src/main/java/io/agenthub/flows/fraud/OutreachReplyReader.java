package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.FieldError;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.frontdoor.VisibleText;
import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a reply message ({@code {"outreachId", "text"}}, property {@code HubOutreachId}) or refuses it with a problem
 * naming every field at fault: one JSON object of exactly these two fields, an outreach id of the form the hub gives
 * (a UUID), the same id in the property and the body, and a text of visible characters, at most 2000 of them.
 */
public final class OutreachReplyReader {

    public static final String OUTREACH_ID_PROPERTY = "HubOutreachId";
    static final int MAX_BODY_BYTES = 8192;
    static final int MAX_TEXT = 2000;
    private static final Pattern OUTREACH_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final StrictJson json;

    public OutreachReplyReader(StrictJson json) {
        this.json = json;
    }

    public CustomerReply read(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : body == null ? null : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (body != null && bytes == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the reply as JSON text (a TextMessage or BytesMessage).");
        }
        Object property = exchange.getMessage().getHeader(OUTREACH_ID_PROPERTY);
        return parse(bytes, property instanceof String s ? s : null);
    }

    public CustomerReply parse(byte[] body, String propertyId) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The reply is empty; send a JSON object.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The reply has " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + ".");
        }
        JsonNode root = json.read(body);
        if (!root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The reply must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("outreachId") && !name.equals("text")) {
                errors.add(new FieldError(name.length() <= 40 && name.matches("[A-Za-z0-9_-]+") ? name : "?",
                        "is not a field of a reply"));
            }
        }
        String outreachId = text(root, "outreachId", 36, errors);
        if (outreachId != null && !OUTREACH_ID.matcher(outreachId).matches()) {
            errors.add(new FieldError("outreachId", "must be the outreachId of the hub's message (a UUID)"));
            outreachId = null;
        }
        if (propertyId == null) {
            errors.add(new FieldError(OUTREACH_ID_PROPERTY, "is required (a string property)"));
        } else if (outreachId != null && !outreachId.equals(propertyId)) {
            errors.add(new FieldError(OUTREACH_ID_PROPERTY, "must equal the body's outreachId"));
        }
        String text = text(root, "text", MAX_TEXT, errors);
        String unreadable = text == null ? null : VisibleText.problemWith(text);
        if (unreadable != null) {
            errors.add(new FieldError("text", unreadable));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "The reply has " + errors.size() + " invalid field(s).", errors));
        }
        return new CustomerReply(outreachId, text.strip());
    }

    private static String text(JsonNode root, String field, int maxLength, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        if (node.textValue().isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
            return null;
        }
        if (node.textValue().length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return node.textValue();
    }
}
