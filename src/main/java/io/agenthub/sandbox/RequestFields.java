package io.agenthub.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.sandbox.Problem.FieldError;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field, collecting every error so the client learns all that is
 * wrong in one 400 instead of one field per round trip.
 */
final class RequestFields {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");

    private final ObjectNode body;
    /** Prefixes the field names of a nested object's errors, e.g. {@code address.}. */
    private final String prefix;
    /** Shared with nested objects, so one 400 lists every error of the body. */
    private final List<FieldError> errors;

    private RequestFields(ObjectNode body, String prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Parses the body as a JSON object: 415 for a non-JSON content type, 400 for anything unparseable. */
    static RequestFields of(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    "Send the request body as application/json."));
        }
        Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The request body is empty.");
        }
        JsonNode node;
        try {
            node = SandboxJson.MAPPER.readTree(buffer.getBytes());
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON",
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The request body cannot be read.");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON", "The request body must be a JSON object.");
        }
        return new RequestFields(object, "", new ArrayList<>());
    }

    /** The whole body bound to a record; unknown or mistyped fields answer 400 rather than being ignored. */
    <T> T as(Class<T> type) {
        try {
            return SandboxJson.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("malformed-json", "Malformed JSON",
                    "The request body does not fit the expected form: " + e.getOriginalMessage());
        }
    }

    String requiredText(String name, int maxLength) {
        String value = text(name, maxLength);
        if (value == null && !body.hasNonNull(name)) {
            error(name, "is required");
        }
        return value;
    }

    String optionalText(String name, int maxLength) {
        return text(name, maxLength);
    }

    boolean has(String name) {
        return body.hasNonNull(name);
    }

    /** Reports every field not in {@code allowed}: a misspelt field must not be silently ignored by a write. */
    void allowOnly(Collection<String> allowed) {
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                error(name, "is not a field of this request");
            }
        });
    }

    /** Whether the field is there as a JSON string. */
    boolean isText(String name) {
        return body.path(name).isTextual();
    }

    /** A nested JSON object whose errors join this body's; null (and an error) when it is not an object. */
    RequestFields object(String name) {
        JsonNode node = body.get(name);
        if (node instanceof ObjectNode object) {
            return new RequestFields(object, prefix + name + ".", errors);
        }
        error(name, node == null || node.isNull() ? "is required" : "must be a JSON object");
        return null;
    }

    /** One line of text, as on an envelope: no line breaks or other control characters. */
    String requiredLine(String name, int maxLength) {
        String value = optionalLine(name, maxLength);
        if (value == null && !body.hasNonNull(name)) {
            error(name, "is required");
        }
        return value;
    }

    String optionalLine(String name, int maxLength) {
        String value = text(name, maxLength);
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            error(name, "must be one line without control characters");
            return null;
        }
        return value;
    }

    /**
     * An optional line that, once {@code normalise}d (e.g. spaces removed, upper case), must be {@code valid};
     * the normalised value is returned.
     */
    String optionalMatching(String name, int maxLength, UnaryOperator<String> normalise, Predicate<String> valid,
                            String message) {
        String value = optionalLine(name, maxLength);
        if (value == null) {
            return null;
        }
        String normalised = normalise.apply(value);
        if (!valid.test(normalised)) {
            error(name, message);
            return null;
        }
        return normalised;
    }

    String requiredCurrency(String name) {
        String value = requiredText(name, 16);
        if (value != null && !CURRENCY.matcher(value).matches()) {
            error(name, "must be an ISO 4217 code such as EUR");
            return null;
        }
        return value;
    }

    String requiredIban(String name) {
        String value = Iban.normalize(requiredText(name, 42));
        if (value != null && !Iban.isValid(value)) {
            error(name, "is not a valid IBAN");
            return null;
        }
        return value;
    }

    String requiredOneOf(String name, Collection<String> allowed) {
        String value = requiredText(name, 64);
        if (value != null && !allowed.contains(value)) {
            error(name, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return value;
    }

    /** A positive amount with at most two decimals, returned with scale 2. */
    BigDecimal requiredAmount(String name) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            error(name, "is required");
            return null;
        }
        return amount(name, node);
    }

    /** As {@link #requiredAmount}, or null when the field is absent. */
    BigDecimal optionalAmount(String name) {
        JsonNode node = body.get(name);
        return node == null || node.isNull() ? null : amount(name, node);
    }

    private BigDecimal amount(String name, JsonNode node) {
        if (!node.isNumber()) {
            error(name, "must be a JSON number");
            return null;
        }
        BigDecimal amount = node.decimalValue();
        if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            error(name, "must be greater than 0 and at most " + MAX_AMOUNT.toPlainString());
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            error(name, "must have at most 2 decimals");
            return null;
        }
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    LocalDate requiredDate(String name) {
        String value = requiredText(name, 10);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            error(name, "must be a date in the form YYYY-MM-DD");
            return null;
        }
    }

    /** Records an error the field readers cannot see, such as a rule over several fields. */
    void reject(String name, String message) {
        error(name, message);
    }

    /** Answers 400 with every collected error; call after reading all fields. */
    void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private String text(String name, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String value = node.textValue().strip();
        if (value.isEmpty()) {
            error(name, "must not be blank");
            return null;
        }
        if (value.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return value;
    }

    private void error(String name, String message) {
        errors.add(new FieldError(prefix + name, message));
    }
}
