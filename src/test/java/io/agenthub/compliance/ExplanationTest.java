package io.agenthub.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** Every automated decision can be explained to the person it concerns, and contested (GDPR Art. 22). */
class ExplanationTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void anExplanationNamesTheInputTheModelsTheRulesAndTheBackEnds() throws Exception {
        String requestId = json(hub.postRequest(request("C-1001", "I lost my card, Margaret Thornton here", null)).body())
                .path("requestId").asText();

        var response = hub.get("/api/v1/requests/" + requestId + "/explanation");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode explanation = json(response.body());
        assertThat(explanation.path("input").path("text").asText()).isEqualTo("I lost my card, <PERSON_1> here");
        assertThat(explanation.path("input").path("textDigest").asText()).startsWith("sha256:");
        assertThat(explanation.path("automated").asBoolean()).isTrue();
        JsonNode attempt = explanation.path("modelAttempts").get(0);
        assertThat(attempt.path("model").asText()).startsWith("banking77-intent@");
        assertThat(attempt.path("digest").asText()).startsWith("sha256:");
        assertThat(attempt.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(explanation.path("rules").get(0).path("policy").asText()).isEqualTo("lost-card");
        assertThat(explanation.path("backendCalls").findValuesAsText("operation")).containsExactly("list-cards", "block-card");
        assertThat(explanation.path("summary").asText())
                .contains("lost_or_stolen_card").contains("only active card").contains("block card").contains("contest")
                .doesNotContain("Margaret");
        assertThat(explanation.path("contest").path("path").asText()).isEqualTo("/api/v1/requests/" + requestId + "/contest");
    }

    @Test
    void aContestedDecisionJoinsTheReviewQueueWithThePersonsStatementPseudonymised() throws Exception {
        String requestId = json(hub.postRequest(request("C-1004", "My card was stolen", null)).body())
                .path("requestId").asText();

        var response = hub.post("/api/v1/requests/" + requestId + "/contest",
                "{\"statement\": \"I am Oliver Brennan and I never asked for a block\"}", "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        long reviewId = json(response.body()).path("reviewId").asLong();
        JsonNode reviews = json(hub.get("/api/v1/reviews").body());
        assertThat(reviews.findValues("reviewId").stream().map(JsonNode::asLong)).contains(reviewId);
        JsonNode explanation = json(hub.get("/api/v1/requests/" + requestId + "/explanation").body());
        assertThat(explanation.path("contested").get(0).asText()).isEqualTo("I am <PERSON_1> and I never asked for a block");
        assertThat(explanation.path("summary").asText()).contains("You contested this decision");
    }

    @Test
    void badContestsAreRefusedWithAReason() throws Exception {
        String requestId = json(hub.postRequest(request("C-1004", "My card was stolen", null)).body())
                .path("requestId").asText();

        assertThat(hub.post("/api/v1/requests/" + requestId + "/contest", "{}", "application/json").statusCode())
                .isEqualTo(400);
        assertThat(hub.post("/api/v1/requests/" + requestId + "/contest", "{nope", "application/json").statusCode())
                .isEqualTo(400);
        var unknown = hub.post("/api/v1/requests/no-such-request/contest", "{\"statement\": \"x\"}", "application/json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(hub.get("/api/v1/requests/no-such-request/explanation").statusCode()).isEqualTo(404);
    }
}
