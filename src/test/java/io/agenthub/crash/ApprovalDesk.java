package io.agenthub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.config.HubSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A person with the approver role at the demo bank, deciding approvals over the hub's HTTP API
 * ({@code /api/v1/approvals}) with a token of the hub's embedded issuer, as `agent-hub token --role approver` makes it.
 */
final class ApprovalDesk {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final ObjectMapper json;
    private final String token;

    /** @param settings the hub's, whose key directory signs the person's token (the hub made its key already) */
    ApprovalDesk(int port, ObjectMapper json, HubSettings settings, String person) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.json = json;
        this.token = "Bearer " + EmbeddedIssuer.of(settings).issue(person, Role.APPROVER, List.of("demo-bank"),
                Duration.ofHours(2));
    }

    /** {@code GET /api/v1/approvals/{id}}; fails unless 200. */
    JsonNode approval(String approvalId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/approvals/" + approvalId))
                .timeout(Duration.ofSeconds(30)).header("Authorization", token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET approval " + approvalId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return json.readTree(response.body());
    }

    /** The approval's state ({@code awaiting}, {@code approved}, {@code executed}, ...). */
    String state(String approvalId) throws IOException, InterruptedException {
        return approval(approvalId).path("state").asText();
    }

    /**
     * {@code POST /api/v1/approvals/{id}/decision}, not waited for: the decision that clears an action runs it before
     * it answers, so its answer may never come (the hub is killed while it runs).
     */
    CompletableFuture<HttpResponse<String>> decide(String approvalId, String decision, String reason) {
        String body = json.createObjectNode().put("decision", decision).put("reason", reason).toString();
        return http.sendAsync(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/approvals/" + approvalId + "/decision"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
