package io.agenthub.limits;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.RunningHub;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.config.HubSettings;
import io.agenthub.frontdoor.HubHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limits of compliance/tenants.yaml in the whole hub: the shipped demo tenants, and a tenant of one request at a
 * time ({@code tiny}) for the JMS cases, where a flood cannot be made as easily.
 */
class TooManyRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FLOOD_CLIENTS = 40;

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.limits.enabled", "true").withTenants(shippedTenants() + """
              - id: tiny
                name: A tenant of one request at a time
                channels: [esb]
                limits: {requests-per-second: 1, burst: 1, concurrent: 1}
            """);

    private static String shippedTenants() {
        try {
            return Files.readString(Path.of("compliance/tenants.yaml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String request(String tenant, String channel, String subjectId, String key) {
        return JSON.createObjectNode().put("tenant", tenant).put("channel", channel).put("subjectId", subjectId)
                .put("text", "How do I change the address on my account?").put("idempotencyKey", key).toString();
    }

    /** A bearer token from the hub's embedded issuer, as the front door will require. */
    private static String bearer(String subject, String tenant) {
        HubSettings settings = new HubSettings(hub.camel().getPropertiesComponent());
        return "Bearer " + EmbeddedIssuer.load(settings.keyFiles(), settings.text("hub.auth.issuer", "agent-hub"),
                settings.text("hub.auth.audience", "agent-hub"), Clock.systemUTC())
                .issue(subject, Role.CHANNEL, List.of(tenant), Duration.ofHours(1));
    }

    private static HttpResponse<String> post(String body, String authorization) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests"))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aFloodFromOneTenantIsRefusedWith429WhileAnotherTenantIsServed() throws Exception {
        String flooder = bearer("flood-test", "demo-bank");
        String other = bearer("steady-test", "demo-insurer");
        ExecutorService clients = Executors.newFixedThreadPool(FLOOD_CLIENTS + 1);
        CountDownLatch go = new CountDownLatch(1);
        List<String> bodies = new ArrayList<>();
        List<Future<HttpResponse<String>>> flood = new ArrayList<>();
        try {
            for (int i = 0; i < FLOOD_CLIENTS; i++) {
                String body = request("demo-bank", "app", "C-100" + (1 + i % 5), "flood-" + i);
                bodies.add(body);
                flood.add(clients.submit(() -> {
                    go.await();
                    return post(body, flooder);
                }));
            }
            Future<HttpResponse<String>> served = clients.submit(() -> {
                go.await();
                return post(request("demo-insurer", "app", "P-2001", "other-1"), other);
            });
            go.countDown();

            assertThat(served.get(60, TimeUnit.SECONDS).statusCode()).as("the other tenant's request").isEqualTo(200);
            List<Integer> refused = new ArrayList<>();
            for (int i = 0; i < FLOOD_CLIENTS; i++) {
                HttpResponse<String> answer = flood.get(i).get(60, TimeUnit.SECONDS);
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 429);
                if (answer.statusCode() == 429) {
                    refused.add(i);
                    assertTooManyRequests(answer);
                }
            }
            // 40 at once, against a caller's 6 in flight and 10 a second (the channel's, until tokens are required)
            assertThat(refused).hasSizeGreaterThanOrEqualTo(10);

            // Sent again at once, ignoring Retry-After: held until it has passed, then served as a new request,
            // since nothing was stored for it the first time.
            String again = bodies.get(refused.get(0));
            HttpResponse<String> afterHold = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> post(again, flooder), answer -> answer.statusCode() == 200);
            assertThat(afterHold.headers().firstValue(HubHeaders.IDEMPOTENT_REPLAYED)).isEmpty();
            String metrics = hub.get("/observe/metrics").body();
            assertThat(metrics).containsPattern("hub_requests_refused_total\\{[^}]*tenant=\"demo-bank\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("hub_requests_held_total(\\{[^}]*})? [1-9]");
        } finally {
            clients.shutdownNow();
        }
    }

    private static void assertTooManyRequests(HttpResponse<String> answer) throws IOException {
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        String retryAfter = answer.headers().firstValue("Retry-After").orElseThrow();
        assertThat(retryAfter).matches("[1-9][0-9]*");
        JsonNode problem = json(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:agent-hub:problem:too-many-requests");
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("retryAfter").asText()).isEqualTo(retryAfter);
        assertThat(problem.path("detail").asText()).contains("demo-bank");
        assertThat(problem.has("requestId")).as("nothing was admitted").isFalse();
    }

    @Test
    void overJmsARefusalIsAProblemReplyThatCarriesRetryAfter() throws Exception {
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        try {
            List<CompletableFuture<Exchange>> replies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String body = request("tiny", "esb", "C-1004", "jms-reply-" + i);
                replies.add(esb.asyncSend("jms:queue:hub.requests?exchangePattern=InOut&requestTimeout=30000",
                        e -> {
                            e.getMessage().setBody(body);
                            e.getMessage().setHeader("Authorization", hub.channelAuthorization("tiny"));
                        }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Exchange> reply : replies) {
                Exchange answer = reply.get(60, TimeUnit.SECONDS);
                assertThat(answer.getException()).isNull();
                int status = answer.getMessage().getHeader(HubHeaders.JMS_STATUS, Integer.class);
                statuses.add(status);
                if (status == 429) {
                    JsonNode problem = json(answer.getMessage().getBody(String.class));
                    assertThat(problem.path("type").asText()).isEqualTo("urn:agent-hub:problem:too-many-requests");
                    assertThat(problem.path("retryAfter").asInt()).isPositive();
                }
            }
            // one token a second and one request at a time: three sent at once cannot all pass
            assertThat(statuses).contains(429).allMatch(s -> s == 200 || s == 429);
        } finally {
            esb.stop();
        }
    }

    @Test
    void aMessageNoOneWaitsForIsDeliveredAgainLaterNotLost() throws Exception {
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        try {
            for (int i = 0; i < 2; i++) {
                esb.sendBodyAndHeader("jms:queue:hub.requests", request("tiny", "esb", "C-1004", "no-reply-" + i),
                        "Authorization", hub.channelAuthorization("tiny"));
            }
        } finally {
            esb.stop();
        }
        JdbcTemplate jdbc = new JdbcTemplate(hub.camel().getRegistry().lookupByNameAndType("hubDataSource", DataSource.class));

        // the second is over the limit, rolled back, and taken again after the broker's redelivery delay
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM hub_request WHERE tenant = 'tiny' AND idempotency_key LIKE 'no-reply-%'"
                        + " AND http_status = 200", Integer.class) == 2);
        assertThat(hub.get("/observe/metrics").body())
                .containsPattern("hub_requests_refused_total\\{[^}]*tenant=\"tiny\"[^}]*} [1-9]");
        assertThat(json(hub.get("/api/v1/dead-letters").body())).isEmpty();
    }
}
