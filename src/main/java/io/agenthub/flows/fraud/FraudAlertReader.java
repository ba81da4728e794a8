package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.FieldError;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.frontdoor.VisibleText;
import io.agenthub.tenants.TenantDirectory;
import org.apache.camel.Exchange;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a message of the fraud engine into a {@link FraudAlert}, or refuses it with a problem naming every field at
 * fault. The message is hostile until checked: a text or bytes body of one JSON object, no field it does not define,
 * identifiers of a safe alphabet, an amount with two decimals at most, a merchant of visible text, a time of payment
 * no later than now (give or take the clock skew the hub allows).
 */
public final class FraudAlertReader {

    /** Enough for an alert many times over; a larger message is no alert. */
    static final int MAX_BODY_BYTES = 8192;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999.99");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> FIELDS = Set.of("alertId", "tenant", "subjectId", "cardId", "transaction", "score");
    private static final Set<String> PAYMENT_FIELDS = Set.of("amount", "currency", "merchant", "at");

    private final StrictJson json;
    private final TenantDirectory tenants;
    private final Clock clock;

    public FraudAlertReader(StrictJson json, TenantDirectory tenants, Clock clock) {
        this.json = json;
        this.tenants = tenants;
        this.clock = clock;
    }

    /** The alert in a JMS message: a TextMessage or BytesMessage; anything else is refused, never guessed at. */
    public FraudAlert read(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                : body == null ? null : exchange.getContext().getTypeConverter().tryConvertTo(byte[].class, exchange, body);
        if (body != null && bytes == null) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the alert as JSON text (a TextMessage or BytesMessage).");
        }
        return parse(bytes);
    }

    public FraudAlert parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The alert is empty; send a JSON object.");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The alert has " + body.length + " bytes; the limit is " + MAX_BODY_BYTES + ".");
        }
        JsonNode root = json.read(body);
        if (!root.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The alert must be a JSON object.");
        }
        List<FieldError> errors = new ArrayList<>();
        unknownFields(root, FIELDS, "", errors);
        String alertId = identifier(root, "alertId", "alertId", 64, errors);
        String tenant = identifier(root, "tenant", "tenant", 64, errors);
        String subjectId = identifier(root, "subjectId", "subjectId", 128, errors);
        String cardId = identifier(root, "cardId", "cardId", 64, errors);
        FraudAlert.FlaggedPayment payment = payment(root.get("transaction"), errors);
        BigDecimal score = score(root.get("score"), errors);
        if (tenant != null && tenants.find(tenant).isEmpty()) {
            errors.add(new FieldError("tenant", "unknown tenant"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST,
                    "The alert has " + errors.size() + " invalid field(s).", errors));
        }
        return new FraudAlert(alertId, tenant, subjectId, cardId, payment, score);
    }

    private FraudAlert.FlaggedPayment payment(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("transaction", "is required"));
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("transaction", "must be an object of amount, currency, merchant and at"));
            return null;
        }
        int before = errors.size();
        unknownFields(node, PAYMENT_FIELDS, "transaction.", errors);
        BigDecimal amount = amount(node.get("amount"), errors);
        String currency = text(node, "currency", "transaction.currency", 3, errors);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldError("transaction.currency", "must be an ISO 4217 code of three capital letters"));
        }
        String merchant = text(node, "merchant", "transaction.merchant", 140, errors);
        String unreadable = merchant == null ? null : VisibleText.problemWith(merchant);
        if (unreadable != null) {
            errors.add(new FieldError("transaction.merchant", unreadable));
        }
        Instant at = instant(node, errors);
        return errors.size() == before ? new FraudAlert.FlaggedPayment(amount, currency, merchant.strip(), at) : null;
    }

    private static BigDecimal amount(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            errors.add(new FieldError("transaction.amount", "is required"));
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError("transaction.amount", "must be a JSON number"));
            return null;
        }
        BigDecimal amount = node.decimalValue();
        if (amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 || amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("transaction.amount", "must be positive, at most " + MAX_AMOUNT.toPlainString()
                    + ", with at most two decimals"));
            return null;
        }
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private Instant instant(JsonNode payment, List<FieldError> errors) {
        String at = text(payment, "at", "transaction.at", 40, errors);
        if (at == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(at);
            if (instant.isAfter(clock.instant().plus(CLOCK_SKEW))) {
                errors.add(new FieldError("transaction.at", "must not be in the future"));
                return null;
            }
            return instant;
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("transaction.at", "must be an ISO 8601 UTC date-time such as 2026-11-09T12:30:00Z"));
            return null;
        }
    }

    private static BigDecimal score(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() < 0 || node.decimalValue().compareTo(BigDecimal.ONE) > 0
                || node.decimalValue().stripTrailingZeros().scale() > 4) {
            errors.add(new FieldError("score", "must be a number from 0 to 1 with at most four decimals"));
            return null;
        }
        return node.decimalValue();
    }

    private static String identifier(JsonNode root, String field, String name, int maxLength, List<FieldError> errors) {
        String value = text(root, field, name, maxLength, errors);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            errors.add(new FieldError(name, "has characters that are not allowed"));
            return null;
        }
        return value;
    }

    private static String text(JsonNode root, String field, String name, int maxLength, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(name, "is required"));
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(name, "must be a string"));
            return null;
        }
        String value = node.textValue();
        if (value.isBlank()) {
            errors.add(new FieldError(name, "must not be blank"));
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(name, "must be at most " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    /** A field the alert does not define is refused: a sender and the hub must mean the same message. */
    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<FieldError> errors) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                // The name is the sender's: quoted only when short and plain, never as it came.
                errors.add(new FieldError(name.length() <= 40 && IDENTIFIER.matcher(name).matches() ? prefix + name : prefix + "?",
                        "is not a field of a fraud alert"));
            }
        }
    }
}
