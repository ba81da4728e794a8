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
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** The hub's HTTP interface as a client sees it; an I/O error (the hub was killed mid-request) is no answer. */
final class HttpFrontDoor {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final ObjectMapper json;

    private final HubSettings settings;
    private String token;

    /** @param settings the hub's, for a token of its embedded issuer (made once the hub has made its key) */
    HttpFrontDoor(int port, ObjectMapper json, HubSettings settings) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.json = json;
        this.settings = settings;
    }

    private synchronized String token() {
        if (token == null) {
            token = "Bearer " + EmbeddedIssuer.load(settings.keyFiles(), "agent-hub", "agent-hub", Clock.systemUTC())
                    .issue("crash-test", EnumSet.of(Role.CHANNEL, Role.REVIEWER), List.of("demo-bank"), Duration.ofHours(2));
        }
        return token;
    }

    Optional<Answer> submit(KeyedRequest request) throws InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/requests"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", token())
                .POST(HttpRequest.BodyPublishers.ofString(request.body(json)))
                .build());
    }

    /** A customer's own words from the app channel of the demo bank, under an idempotency key. */
    Optional<Answer> submit(String customerId, String text, String key) throws InterruptedException {
        String body = json.createObjectNode().put("tenant", "demo-bank").put("channel", "app").put("subjectId", customerId)
                .put("text", text).put("idempotencyKey", key).toString();
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/requests"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", token())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** {@code GET /api/v1/requests/{id}}: the stored request, or empty when the hub cannot be reached. */
    Optional<HttpResponse<String>> lookUp(String requestId) throws InterruptedException {
        try {
            return Optional.of(http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/requests/" + requestId))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    boolean healthy() throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/observe/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private Optional<Answer> send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            return Optional.of(Answer.of(response.statusCode(), response.headers().firstValue("HubRequestId").orElse(null), body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
