package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.FieldError;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.tenants.Tenant;
import io.agenthub.tenants.TenantDirectory;
import org.apache.camel.Exchange;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

    private final StrictJson json;
    private final TenantDirectory tenants;
    private final int maxBodyBytes;
    private final int maxTextChars;

    public RequestParser(ObjectMapper json, TenantDirectory tenants, int maxBodyBytes, int maxTextChars) {
        this.json = new StrictJson(json);
        this.tenants = tenants;
        this.maxBodyBytes = maxBodyBytes;
        this.maxTextChars = maxTextChars;
    }

    /**
     * The request in a message of any channel: bytes (HTTP, a JMS BytesMessage) or text (a JMS TextMessage).
     * Anything else (a JMS MapMessage or ObjectMessage) is refused, never converted by guesswork.
     */
    public HubRequest read(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (body instanceof String text) {
            return parse(utf8(text));
        }
        byte[] bytes = body == null ? null : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (body != null && bytes == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request as JSON text (over JMS: a TextMessage or BytesMessage).");
        }
        return parse(bytes);
    }

    public HubRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request body is empty; send a JSON object.");
        }
        if (body.length > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The request body has " + body.length + " bytes; the limit is " + maxBodyBytes + ".");
        }
        JsonNode root = json.read(body);
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
        String unreadable = text == null ? null : VisibleText.problemWith(text);
        if (unreadable != null) {
            errors.add(new FieldError("text", unreadable));
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

    /** Text as UTF-8, refusing unpaired surrogates, which a Java string can hold and UTF-8 cannot. */
    private static byte[] utf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The request text is not valid Unicode.");
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
