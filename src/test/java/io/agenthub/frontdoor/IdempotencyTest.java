package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswerWithoutActingAgain() throws Exception {
        String body = request("C-1001", "I lost my card", "lost-card-2026-11-22-001");
        long blockCallsBefore = hub.sandbox().faults().requestCount("/core-banking/cards");

        HttpResponse<String> first = hub.postRequest(body);
        HttpResponse<String> second = hub.postRequest(body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards") - blockCallsBefore)
                .as("block-card calls at core banking").isEqualTo(1);
    }

    @Test
    void theSameKeyFromAnotherTenantIsAnotherRequest() throws Exception {
        String bank = request("C-1004", "where is my new card? has it been sent", "shared-key-1");
        String insurer = bank.replace("demo-bank", "demo-insurer");

        JsonNode first = json(hub.postRequest(bank).body());
        JsonNode second = json(hub.postRequest(insurer).body());

        assertThat(second.path("requestId").asText()).isNotEqualTo(first.path("requestId").asText());
    }

    @Test
    void concurrentRequestsWithOneKeyActOnce() throws Exception {
        String body = request("C-1005", "my card ending 7036 was stolen", "race-key-1");
        long blockCallsBefore = hub.sandbox().faults().requestCount("/core-banking/cards");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit((Callable<HttpResponse<String>>) () -> hub.postRequest(body)));
            }
            List<String> requestIds = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.get();
                // Each caller gets the one answer, or is told the first is still in progress.
                assertThat(response.statusCode()).isIn(200, 409);
                requestIds.add(json(response.body()).path("requestId").asText());
            }
            assertThat(requestIds).containsOnly(requestIds.get(0));
        } finally {
            pool.shutdown();
        }
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards") - blockCallsBefore).isEqualTo(1);
    }

    @Test
    void aKeyReusedForAnotherCustomerIsRefusedNotAnsweredWithTheFirstCustomersAnswer() throws Exception {
        JsonNode first = json(hub.postRequest(request("C-1004", "where is my new card? has it been sent", "reused-key-1")).body());

        HttpResponse<String> other = hub.postRequest(request("C-1002", "where is my new card? has it been sent", "reused-key-1"));

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other.body()).path("type").asText()).isEqualTo("urn:agent-hub:problem:idempotency-key-reused");
        assertThat(other.body()).doesNotContain(first.path("requestId").asText());
        // the same key with other words is another request too
        assertThat(hub.postRequest(request("C-1004", "I lost my card", "reused-key-1")).statusCode()).isEqualTo(422);
    }

    @Test
    void keysAreScopedPerCallerSoAnotherCallersKeyIsAnotherRequest() throws Exception {
        String body = request("C-1004", "where is my new card? has it been sent", "caller-key-1");
        String app = hub.token("mobile-app", Set.of(Role.CHANNEL), "demo-bank");
        String web = hub.token("web-banking", Set.of(Role.CHANNEL), "demo-bank");

        JsonNode first = json(submit(body, app).body());
        HttpResponse<String> second = submit(body, web);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(json(second.body()).path("requestId").asText()).isNotEqualTo(first.path("requestId").asText());
        // the same caller again is answered with its first answer
        assertThat(json(submit(body, app).body()).path("requestId").asText()).isEqualTo(first.path("requestId").asText());
    }

    private HttpResponse<String> submit(String body, String token) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests"))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
