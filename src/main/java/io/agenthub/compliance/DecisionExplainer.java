package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.PolicyVerdict;
import io.agenthub.review.ReviewDesk;
import io.agenthub.store.RequestRecord;
import io.agenthub.store.RequestRecords;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds a request's {@link DecisionExplanation} from its stored history alone, so it explains what was
 * recorded, in the audit trail's own terms, and never more than the trail holds.
 */
public final class DecisionExplainer {

    /** The kind of tier a person is, as an attempt names it. */
    private static final String PEOPLE = "review-queue";

    private final RequestRecords records;
    private final ObjectMapper json;

    public DecisionExplainer(RequestRecords records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    public DecisionExplanation explain(String requestId) {
        RequestRecord record = records.find(requestId);
        JsonNode received = json.createObjectNode();
        JsonNode classified = json.createObjectNode();
        List<JsonNode> attempts = new ArrayList<>();
        List<PolicyVerdict> rules = new ArrayList<>();
        List<DecisionExplanation.BackendCall> calls = new ArrayList<>();
        List<String> contested = new ArrayList<>();
        List<DecisionExplanation.Review> reviews = new ArrayList<>();
        for (RequestRecord.Step step : record.steps()) {
            JsonNode detail = step.detail();
            switch (step.step()) {
                case "received" -> received = detail;
                case "classified" -> {
                    classified = detail;
                    detail.path("attempts").forEach(attempts::add);
                }
                case "policy" -> rules.add(json.convertValue(detail, PolicyVerdict.class));
                case "connector-call" -> calls.add(new DecisionExplanation.BackendCall(detail.path("connector").asText(),
                        detail.path("operation").asText(), detail.hasNonNull("status") ? detail.get("status").asInt() : null));
                case "contested" -> contested.add(detail.path("statement").asText());
                case ReviewDesk.RESOLVED_STEP -> reviews.add(new DecisionExplanation.Review(detail.path("reviewId").asLong(),
                        detail.path("kind").asText(), detail.path("by").asText(), step.at(), detail.path("choice").asText(),
                        text(detail, "intent"), text(detail, "note")));
                default -> {
                    // replied, failed: the outcome comes from the request itself
                }
            }
        }
        JsonNode reply = record.reply() == null ? json.createObjectNode() : record.reply();
        boolean escalated = classified.path("escalated").asBoolean(false);
        DecisionExplanation.Decision decision = new DecisionExplanation.Decision(record.intent(), record.confidence(),
                text(classified, "tier"), text(classified, "model"), escalated, record.route(), record.outcome(),
                text(reply, "message"), reply.path("actions"));
        String contestPath = "/api/v1/requests/" + requestId + "/contest";
        return new DecisionExplanation(requestId, record.tenant(), record.subjectId(), record.receivedAt(),
                record.completedAt(), new DecisionExplanation.Input(record.text(), text(received, "textDigest"),
                received.path("redacted")), decision, !escalated && reviews.isEmpty(), attempts, rules, calls, contested,
                reviews, summary(record, decision, attempts, rules, calls, contested, reviews),
                new DecisionExplanation.Contest("POST", contestPath, "{\"statement\": \"why you disagree\"}",
                        "A member of staff reviews the decision and can change it; the review is recorded."));
    }

    private static String summary(RequestRecord record, DecisionExplanation.Decision decision, List<JsonNode> attempts,
                                  List<PolicyVerdict> rules, List<DecisionExplanation.BackendCall> calls,
                                  List<String> contested, List<DecisionExplanation.Review> reviews) {
        StringBuilder s = new StringBuilder();
        s.append("On ").append(record.receivedAt()).append(" the hub received your request");
        s.append(" (personal details replaced by placeholders such as <PERSON_1> before any model read it). ");
        for (JsonNode attempt : attempts) {
            if (PEOPLE.equals(attempt.path("kind").asText())) {
                s.append("A member of staff (").append(attempt.path("model").asText()).append(")");
            } else {
                s.append("The ").append(attempt.path("kind").asText("").toLowerCase(Locale.ROOT).replace('_', ' '))
                        .append(" model ").append(attempt.path("model").asText()).append(" (tier ")
                        .append(attempt.path("tier").asText()).append(")");
            }
            if (attempt.hasNonNull("label")) {
                s.append(" judged it to be about \"").append(attempt.path("label").asText()).append("\"");
                if (attempt.hasNonNull("confidence")) {
                    s.append(String.format(Locale.ROOT, " with %.0f%% confidence", 100 * attempt.path("confidence").asDouble()));
                }
            } else {
                s.append(" gave no usable answer");
            }
            s.append(attempt.path("accepted").asBoolean() ? "; that answer was used. "
                    : "; not used (" + attempt.path("rejection").asText("below its confidence threshold") + "). ");
        }
        if (decision.escalated()) {
            s.append("No model was confident enough, so a person decides. ");
        }
        if (decision.route() != null) {
            s.append("It was handled by the \"").append(decision.route()).append("\" process. ");
        }
        for (PolicyVerdict rule : rules) {
            s.append("The ").append(rule.policy()).append(" rules decided: ").append(rule.verdict())
                    .append(", because ").append(rule.reason()).append(". ");
        }
        for (DecisionExplanation.BackendCall call : calls) {
            s.append("The ").append(call.connector()).append(" system was asked to ").append(call.operation().replace('-', ' '))
                    .append(call.status() == null ? " and did not answer. " : " (answer " + call.status() + "). ");
        }
        s.append("Outcome: ").append(decision.outcome() == null ? "still in progress" : decision.outcome()).append('.');
        if (decision.message() != null) {
            s.append(' ').append(decision.message());
        }
        for (DecisionExplanation.Review review : reviews) {
            s.append(' ').append(reviewed(review));
        }
        long contestsReviewed = reviews.stream().filter(r -> r.kind().equals("contest")).count();
        if (contested.isEmpty()) {
            s.append(" If you disagree, you can contest this decision and a person will review it.");
        } else if (contested.size() > contestsReviewed) {
            s.append(" You contested this decision; a person is reviewing it.");
        }
        return s.toString();
    }

    /** A person's review in one sentence. */
    private static String reviewed(DecisionExplanation.Review review) {
        String what = switch (review.choice()) {
            case "uphold" -> "reviewed your contest and upheld the decision";
            case "overturn" -> "reviewed your contest and overturned the decision"
                    + (review.intent() == null ? "" : "; the request was handled again as \"" + review.intent() + "\"");
            case "intent" -> "decided the request is about \"" + review.intent() + "\" and had it handled as such";
            case "out-of-scope" -> "found the request outside what this service handles";
            case "answer" -> "answered the request";
            default -> "resolved the review (" + review.choice() + ")";
        };
        return "On " + review.at() + " a member of staff (" + review.by() + ") " + what
                + (review.note() == null ? "." : ", noting: \"" + review.note() + "\".");
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
