package io.agenthub.review;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.FieldError;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.frontdoor.VisibleText;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How a reviewer resolves an item, as {@code POST /api/v1/reviews/{id}/resolution} asks: for a referral exactly one of
 * {@code {"intent": "<label>"}}, {@code {"outOfScope": true}} or {@code {"answer": "..."}}; for a contested decision
 * {@code {"decision": "uphold" | "overturn"}}, an overturn optionally with the {@code "intent"} to re-run the request
 * in; always with a {@code "note"}. Read strictly: a field it does not know is refused, not ignored, since a misspelt
 * choice must not pass for another.
 *
 * @param intent the label chosen: with {@link Choice#INTENT}, or an overturn's; else null
 * @param answer the reviewer's words for the customer, with {@link Choice#ANSWER}; never logged
 * @param note   the reviewer's note as sent (pseudonymised before it is stored)
 */
public record ResolutionRequest(Choice choice, String intent, String answer, String note) {

    public static final int MAX_NOTE_CHARS = 2000;
    public static final int MAX_ANSWER_CHARS = 4000;
    private static final Set<String> FIELDS = Set.of("intent", "outOfScope", "answer", "decision", "note");

    /** What the reviewer chose. */
    public enum Choice {
        INTENT, OUT_OF_SCOPE, ANSWER, UPHOLD, OVERTURN;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** True when the request runs again in the flow of the intent a person chose. */
    public boolean reruns() {
        return intent != null && (choice == Choice.INTENT || choice == Choice.OVERTURN);
    }

    /** True when the resolution is the request's final answer (out of scope, or the reviewer's words). */
    public boolean answersNow() {
        return choice == Choice.OUT_OF_SCOPE || choice == Choice.ANSWER;
    }

    /** The request's final answer, to be worded in its tenant's texts; null unless {@link #answersNow}. */
    public FlowResult finalAnswer() {
        return switch (choice) {
            case OUT_OF_SCOPE -> FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.REFERRAL_OUT_OF_SCOPE));
            case ANSWER -> FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.REFERRAL_ANSWERED, "answer", answer));
            default -> null;
        };
    }

    /** Leaves the reviewer's words out, so that no log line or error message can carry them. */
    @Override
    public String toString() {
        return "ResolutionRequest[" + choice.wireName() + (intent == null ? "" : " " + intent) + "]";
    }

    /**
     * The resolution a body asks for, checked against the item: its kind, and the labels a reviewer may choose from.
     *
     * @throws ProblemException 400 {@code invalid-request} naming each field at fault
     */
    public static ResolutionRequest of(JsonNode body, ReviewItem item) {
        if (!body.isObject()) {
            throw new ProblemException(ProblemType.MALFORMED_JSON, "The body must be a JSON object such as"
                    + " {\"intent\": \"...\", \"note\": \"...\"}.");
        }
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(name, "is not a field of a resolution (intent, outOfScope, answer, decision, note)"));
            }
        }
        String note = text(body, "note", MAX_NOTE_CHARS, errors);
        String intent = body.has("intent") ? label(body, item, errors) : null;
        ResolutionRequest resolution = item.kind() == ReviewItem.Kind.CONTEST
                ? contest(body, intent, note, errors) : referral(body, intent, note, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(ProblemType.INVALID_REQUEST, "The resolution cannot be applied as sent.",
                    errors));
        }
        return resolution;
    }

    private static ResolutionRequest referral(JsonNode body, String intent, String note, List<FieldError> errors) {
        if (body.has("decision")) {
            errors.add(new FieldError("decision", "is for a contested decision; resolve a referral with intent, outOfScope"
                    + " or answer"));
        }
        int chosen = (body.has("intent") ? 1 : 0) + (body.has("outOfScope") ? 1 : 0) + (body.has("answer") ? 1 : 0);
        if (chosen != 1) {
            errors.add(new FieldError(chosen == 0 ? "intent" : "outOfScope",
                    "give exactly one of intent, outOfScope and answer"));
            return null;
        }
        if (body.has("outOfScope")) {
            if (!body.get("outOfScope").isBoolean() || !body.get("outOfScope").booleanValue()) {
                errors.add(new FieldError("outOfScope", "must be true"));
            }
            return new ResolutionRequest(Choice.OUT_OF_SCOPE, null, null, note);
        }
        if (body.has("answer")) {
            return new ResolutionRequest(Choice.ANSWER, null, text(body, "answer", MAX_ANSWER_CHARS, errors), note);
        }
        return new ResolutionRequest(Choice.INTENT, intent, null, note);
    }

    private static ResolutionRequest contest(JsonNode body, String intent, String note, List<FieldError> errors) {
        for (String field : List.of("outOfScope", "answer")) {
            if (body.has(field)) {
                errors.add(new FieldError(field, "is for a referral; a contested decision is upheld or overturned"));
            }
        }
        JsonNode decision = body.get("decision");
        if (decision == null || !decision.isTextual()
                || !(decision.asText().equals("uphold") || decision.asText().equals("overturn"))) {
            errors.add(new FieldError("decision", "must be uphold or overturn"));
            return null;
        }
        if (decision.asText().equals("uphold")) {
            if (body.has("intent")) {
                errors.add(new FieldError("intent", "is only given with overturn: an upheld decision keeps its intent"));
            }
            return new ResolutionRequest(Choice.UPHOLD, null, null, note);
        }
        return new ResolutionRequest(Choice.OVERTURN, intent, null, note);
    }

    private static String label(JsonNode body, ReviewItem item, List<FieldError> errors) {
        JsonNode intent = body.get("intent");
        if (!intent.isTextual() || !item.labels().contains(intent.asText())) {
            errors.add(new FieldError("intent", item.labels().isEmpty() ? "no labels can be chosen for this item"
                    : "must be one of the capability's labels (the item's labels)"));
            return null;
        }
        return intent.asText();
    }

    private static String text(JsonNode body, String field, int maxChars, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            errors.add(new FieldError(field, "must be a non-blank string"));
            return null;
        }
        String value = node.asText();
        if (value.length() > maxChars) {
            errors.add(new FieldError(field, "must be at most " + maxChars + " characters"));
            return null;
        }
        String unreadable = VisibleText.problemWith(value);
        if (unreadable != null) {
            errors.add(new FieldError(field, unreadable));
            return null;
        }
        return value.strip();
    }
}
