package io.agenthub.review;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import io.agenthub.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reviewers resolve the review queue through the whole hub: a chosen intent re-runs the request in that intent's flow
 * to its answer, out of scope and a reviewer's own answer complete it, a contested decision is upheld or overturned
 * and the explanation says so; each resolution once, for the reviewer's own tenants, from a body read strictly.
 */
class ReviewResolutionTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    /** A request no tier is sure of: it is referred to staff. */
    private static final String UNSERVED = "What is the weather like in Paris tomorrow?";
    private static final String REVIEWER = RunningHub.EVERY_ROLE_CALLER;

    @Test
    void aChosenIntentRunsTheRequestAgainInThatIntentsFlowToItsAnswer() throws Exception {
        String requestId = referred("C-1004", "My card is nowhere, I had it at the station this morning");
        JsonNode item = itemOf(requestId);
        assertThat(item.path("kind").asText()).isEqualTo("referral");
        assertThat(item.path("tenant").asText()).isEqualTo("demo-bank");
        assertThat(item.path("status").asText()).isEqualTo("pending");
        assertThat(item.path("text").asText()).isEqualTo("My card is nowhere, I had it at the station this morning");
        assertThat(texts(item.path("labels"))).contains("lost_or_stolen_card", "card_arrival").isSorted();
        assertThat(Duration.between(Instant.parse(item.path("createdAt").asText()), Instant.parse(item.path("deadline").asText())))
                .isEqualTo(Duration.ofHours(24));

        HttpResponse<String> resolved = resolve(item, "{\"intent\": \"lost_or_stolen_card\", \"note\": \"Lost at the station\"}");

        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonNode after = json(resolved.body());
        assertThat(after.path("status").asText()).isEqualTo("resolved");
        assertThat(after.path("resolution").path("by").asText()).isEqualTo(REVIEWER);
        assertThat(after.path("resolution").path("choice").asText()).isEqualTo("intent");
        assertThat(after.path("resolution").path("intent").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(after.path("request").path("status").asText()).isEqualTo("completed");
        assertThat(after.path("request").path("outcome").asText()).isEqualTo("completed");
        assertThat(after.path("request").path("route").asText()).isEqualTo("card-lost-or-stolen");

        JsonNode stored = json(hub.get("/api/v1/requests/" + requestId).body());
        assertThat(stored.path("reply").path("intent").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(stored.path("reply").path("tier").asText()).isEqualTo("people");
        assertThat(stored.path("reply").path("model").asText()).isEqualTo(REVIEWER);
        assertThat(stored.path("reply").path("message").asText()).contains("is blocked");
        List<String> steps = texts(stored.path("steps").findValues("step"));
        assertThat(steps.subList(steps.indexOf("review-resolved"), steps.size()))
                .startsWith("review-resolved", "decided").contains("classified", "connector-call").endsWith("replied");
        JsonNode audit = stepDetail(stored, "review-resolved");
        assertThat(audit.path("by").asText()).isEqualTo(REVIEWER);
        assertThat(audit.path("choice").asText()).isEqualTo("intent");
        assertThat(audit.path("modelAnswer").path("reason").asText()).isNotBlank();
        assertThat(hub.sandboxGet("/core-banking/customers/C-1004/cards").body()).contains("BLOCKED");

        assertThat(example(requestId)).containsEntry("KIND", "resolution").containsEntry("LABEL", "lost_or_stolen_card")
                .containsEntry("DECIDED_BY", REVIEWER);

        HttpResponse<String> again = resolve(item, "{\"intent\": \"card_arrival\", \"note\": \"Second thoughts\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again.body()).path("type").asText()).isEqualTo("urn:agent-hub:problem:already-decided");
    }

    @Test
    void outOfScopeCompletesTheRequestAndKeepsALabelledLesson() throws Exception {
        String requestId = referred("C-1001", UNSERVED);

        HttpResponse<String> resolved = resolve(itemOf(requestId), "{\"outOfScope\": true, \"note\": \"A mortgage question\"}");

        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        assertThat(json(resolved.body()).path("request").path("outcome").asText()).isEqualTo("completed");
        JsonNode reply = json(hub.get("/api/v1/requests/" + requestId).body()).path("reply");
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("intent").asText()).isEqualTo(ReviewDesk.OUT_OF_SCOPE);
        assertThat(reply.path("message").asText()).contains("not something we can help with");
        assertThat(example(requestId)).containsEntry("KIND", "out-of-scope").containsEntry("LABEL", ReviewDesk.OUT_OF_SCOPE)
                .containsEntry("TEXT", UNSERVED);
    }

    @Test
    void aReviewersOwnAnswerBecomesTheFinalAnswerAndIsNeverLogged() throws Exception {
        String requestId = referred("C-1001", "Can I pay my mortgage early without a fee?");
        String words = "Yes: early repayment is free after the fixed period, ref QX-7741.";

        HttpResponse<String> resolved;
        String logged;
        try (LogCapture logs = LogCapture.at(Level.DEBUG)) {
            resolved = resolve(itemOf(requestId), "{\"answer\": \"" + words + "\", \"note\": \"Answered from the tariff\"}");
            logged = logs.text();
        }

        assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);
        JsonNode reply = json(hub.get("/api/v1/requests/" + requestId).body()).path("reply");
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("message").asText()).isEqualTo(words);
        assertThat(reply.path("tier").asText()).isEqualTo("people");
        assertThat(logged).doesNotContain("QX-7741");
        assertThat(example(requestId)).containsEntry("KIND", "answer").containsEntry("LABEL", null);
    }

    @Test
    void anotherTenantsItemIsNotFoundAsOneThatDoesNotExist() throws Exception {
        JsonNode item = itemOf(referred("C-1001", UNSERVED));
        String insurerReviewer = hub.token("insurer-reviewer", Set.of(Role.REVIEWER), "demo-insurer");
        String body = "{\"outOfScope\": true, \"note\": \"x\"}";

        HttpResponse<String> foreign = resolve(item.path("reviewId").asText(), body, insurerReviewer);
        HttpResponse<String> unknown = resolve("999999999", body, insurerReviewer);

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(foreign.body()).path("detail")).isEqualTo(json(unknown.body()).path("detail"));
        assertThat(resolve("not-a-number", body, insurerReviewer).statusCode()).isEqualTo(404);
        assertThat(itemOf(item.path("requestId").asText()).path("status").asText()).isEqualTo("pending");
        String insurerQueue = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/reviews?limit=500")))
                .header("Authorization", "Bearer " + insurerReviewer).GET().build()).body();
        assertThat(insurerQueue).doesNotContain(item.path("requestId").asText());
        String approver = hub.token("bank-approver", Set.of(Role.APPROVER), "demo-bank");
        assertThat(resolve(item.path("reviewId").asText(), body, approver).statusCode()).isEqualTo(403);
    }

    @Test
    void aBodyThatIsNotOneResolutionIsRefusedAndTheItemStaysPending() throws Exception {
        JsonNode item = itemOf(referred("C-1001", UNSERVED));

        Map<String, String> refused = Map.of(
                "{\"intent\": \"lost_or_stolen_card\"}", "note",
                "{\"intent\": \"not_a_label\", \"note\": \"x\"}", "intent",
                "{\"intent\": \"lost_or_stolen_card\", \"outOfScope\": true, \"note\": \"x\"}", "outOfScope",
                "{\"note\": \"x\"}", "intent",
                "{\"outOfScope\": false, \"note\": \"x\"}", "outOfScope",
                "{\"answer\": \"  \", \"note\": \"x\"}", "answer",
                "{\"decision\": \"uphold\", \"note\": \"x\"}", "decision",
                "{\"intnet\": \"card_arrival\", \"note\": \"x\"}", "intnet",
                "{\"intent\": \"card_arrival\", \"note\": \"" + "x".repeat(2001) + "\"}", "note");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            HttpResponse<String> answer = resolve(item, body.getKey());
            assertThat(answer.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(json(answer.body()).path("errors").findValuesAsText("field")).as(body.getKey()).contains(body.getValue());
        }
        for (String malformed : List.of("", "{\"note\": ", "[1]", "{\"note\": \"x\", \"note\": \"y\", \"outOfScope\": true}")) {
            HttpResponse<String> answer = resolve(item, malformed);
            assertThat(answer.statusCode()).as(malformed).isEqualTo(400);
            assertThat(json(answer.body()).path("type").asText()).as(malformed).isEqualTo("urn:agent-hub:problem:malformed-json");
        }
        assertThat(itemOf(item.path("requestId").asText()).path("status").asText()).isEqualTo("pending");
    }

    @Test
    void anUpheldContestIsInTheExplanationWithWhoWhenAndTheNote() throws Exception {
        String requestId = completed("C-1005", "My card was stolen");
        long reviewId = contest(requestId);

        HttpResponse<String> upheld = resolve(String.valueOf(reviewId),
                "{\"decision\": \"uphold\", \"note\": \"The customer reported the theft in branch\"}", null);

        assertThat(upheld.statusCode()).as(upheld.body()).isEqualTo(200);
        assertThat(json(upheld.body()).path("kind").asText()).isEqualTo("contest");
        JsonNode explanation = json(hub.get("/api/v1/requests/" + requestId + "/explanation").body());
        JsonNode review = explanation.path("reviews").get(0);
        assertThat(review.path("kind").asText()).isEqualTo("contest");
        assertThat(review.path("choice").asText()).isEqualTo("uphold");
        assertThat(review.path("by").asText()).isEqualTo(REVIEWER);
        assertThat(review.path("at").asText()).isNotBlank();
        assertThat(review.path("note").asText()).isEqualTo("The customer reported the theft in branch");
        assertThat(explanation.path("automated").asBoolean()).isFalse();
        assertThat(explanation.path("decision").path("route").asText()).isEqualTo("card-lost-or-stolen");
        assertThat(explanation.path("summary").asText()).contains("upheld the decision").doesNotContain("a person is reviewing it");
        assertThat(resolve(String.valueOf(reviewId), "{\"intent\": \"card_arrival\", \"note\": \"x\"}", null).statusCode())
                .isEqualTo(409);
    }

    @Test
    void anOverturnedContestWithAnIntentRunsTheRequestAgainAndTheExplanationSaysSo() throws Exception {
        String requestId = completed("C-1001", "I lost my card");
        long reviewId = contest(requestId);
        assertThat(resolve(String.valueOf(reviewId), "{\"outOfScope\": true, \"note\": \"x\"}", null).statusCode())
                .isEqualTo(400);

        HttpResponse<String> overturned = resolve(String.valueOf(reviewId),
                "{\"decision\": \"overturn\", \"intent\": \"card_arrival\", \"note\": \"Asked where the new card is\"}", null);

        assertThat(overturned.statusCode()).as(overturned.body()).isEqualTo(200);
        JsonNode explanation = json(hub.get("/api/v1/requests/" + requestId + "/explanation").body());
        assertThat(explanation.path("reviews").get(0).path("choice").asText()).isEqualTo("overturn");
        assertThat(explanation.path("decision").path("intent").asText()).isEqualTo("card_arrival");
        assertThat(explanation.path("decision").path("tier").asText()).isEqualTo("people");
        assertThat(explanation.path("summary").asText()).contains("overturned the decision").contains("card_arrival");
        assertThat(example(requestId)).containsEntry("KIND", "overturn").containsEntry("LABEL", "card_arrival");
    }

    @Test
    void theQueueIsListedByDeadlineAPageAtATimeWithALinkToTheNext() throws Exception {
        referred("C-1001", UNSERVED);
        referred("C-1001", "Do you offer travel insurance for skiing?");
        referred("C-1001", "I need help with something");

        List<JsonNode> seen = new ArrayList<>();
        String next = "/api/v1/reviews?limit=1";
        for (int pages = 0; next != null && pages < 3; pages++) {
            HttpResponse<String> page = hub.get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode items = json(page.body());
            assertThat(items.isArray()).isTrue();
            assertThat(items).hasSize(1);
            seen.add(items.get(0));
            next = page.headers().firstValue("Link").map(link -> link.substring(1, link.indexOf('>'))).orElse(null);
            if (next != null) {
                assertThat(page.headers().firstValue("Link").orElseThrow()).endsWith(">; rel=\"next\"").contains("limit=1");
            }
        }
        assertThat(seen).hasSize(3);
        assertThat(seen.stream().map(i -> i.path("reviewId").asLong()).distinct()).hasSize(3);
        assertThat(seen.stream().map(i -> i.path("deadline").asText()).toList()).isSorted();
        assertThat(hub.get("/api/v1/reviews?after=x").statusCode()).isEqualTo(400);
    }

    // --- the hub, as a reviewer meets it

    /** Submits a request that is referred to staff; its id. */
    private static String referred(String subject, String text) throws Exception {
        JsonNode reply = json(hub.postRequest(request(subject, text, null)).body());
        assertThat(reply.path("outcome").asText()).as(text).isEqualTo("referred");
        return reply.path("requestId").asText();
    }

    private static String completed(String subject, String text) throws Exception {
        JsonNode reply = json(hub.postRequest(request(subject, text, null)).body());
        assertThat(reply.path("outcome").asText()).as(text).isEqualTo("completed");
        return reply.path("requestId").asText();
    }

    private static long contest(String requestId) throws Exception {
        return json(hub.post("/api/v1/requests/" + requestId + "/contest", "{\"statement\": \"I did not ask for that\"}",
                "application/json").body()).path("reviewId").asLong();
    }

    /** The request's review item, as the queue lists it. */
    private static JsonNode itemOf(String requestId) throws Exception {
        for (String status : List.of("pending", "resolved")) {
            for (JsonNode item : json(hub.get("/api/v1/reviews?limit=500&status=" + status).body())) {
                if (item.path("requestId").asText().equals(requestId)) {
                    return item;
                }
            }
        }
        throw new AssertionError("no review item for request " + requestId);
    }

    private static HttpResponse<String> resolve(JsonNode item, String body) throws Exception {
        return resolve(item.path("reviewId").asText(), body, null);
    }

    /** With the test's every-role token when {@code token} is null. */
    private static HttpResponse<String> resolve(String reviewId, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url("/api/v1/reviews/" + reviewId + "/resolution")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.send(request.build());
    }

    /** The request's last golden example, its columns by upper-case name. */
    private static Map<String, Object> example(String requestId) {
        List<Map<String, Object>> rows = new JdbcTemplate(hub.database()).queryForList(
                "SELECT * FROM hub_golden_example WHERE request_id = ? ORDER BY example_id DESC", requestId);
        assertThat(rows).as("golden examples of " + requestId).isNotEmpty();
        return rows.get(0);
    }

    private static JsonNode stepDetail(JsonNode stored, String name) {
        for (JsonNode step : stored.path("steps")) {
            if (step.path("step").asText().equals(name)) {
                return step.path("detail");
            }
        }
        throw new AssertionError("no step " + name);
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
