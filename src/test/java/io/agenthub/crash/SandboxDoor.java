package io.agenthub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The sandbox's admin API as a test in another process uses it (docs/testing.md): its own record of the writes it
 * applied, the back-end's word rather than the hub's, and its fault injection.
 */
final class SandboxDoor {

    /** One write the sandbox applied: {@code operation} (raise-chargeback, ...), on {@code targetId}, under a key. */
    record Applied(long sequence, String operation, String targetId, String idempotencyKey) {
    }

    /** How long one call may take in all, its response body included. */
    private static final Duration CALL_LIMIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    /**
     * Reads go over HTTP/1.1: the default client first offers an h2c upgrade; one CI run hung on a sandbox call for over
     * ten minutes, and another stalled on GET /sandbox/actions for the whole call limit, though the same seed passed. Fault
     * orders keep the default version (over HTTP/1.1 ClaimsIntakeCrashIT's dropped-reply fault did not hold).
     */
    private final HttpClient reads = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final ObjectMapper json;

    SandboxDoor(String baseUrl, ObjectMapper json) {
        this.baseUrl = baseUrl;
        this.json = json;
    }

    /** {@code GET /sandbox/actions}: every write applied, oldest first. */
    List<Applied> actions() throws IOException, InterruptedException {
        HttpResponse<String> response = send(reads, HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/actions"))
                .timeout(Duration.ofSeconds(30)).GET().build());
        expect(response, 200);
        List<Applied> applied = new ArrayList<>();
        for (JsonNode a : json.readTree(response.body())) {
            applied.add(new Applied(a.path("sequence").asLong(), a.path("operation").asText(), a.path("targetId").asText(),
                    a.path("idempotencyKey").asText()));
        }
        return applied;
    }

    /** The applied writes of one operation on one target (a chargeback of one transaction). */
    List<Applied> actions(String operation, String targetId) throws IOException, InterruptedException {
        return actions().stream().filter(a -> a.operation().equals(operation) && a.targetId().equals(targetId)).toList();
    }

    /** Holds every request under the prefix for {@code delay} before it is handled (and not at all if its client left). */
    void delay(String pathPrefix, Duration delay) throws IOException, InterruptedException {
        ObjectNode order = json.createObjectNode();
        order.putObject("delay").put("pathPrefix", pathPrefix).put("millis", delay.toMillis());
        arm(order);
    }

    /** The next {@code count} writes under the prefix are applied, and then their connection is closed unanswered. */
    void dropReplyAfterApply(String pathPrefix, int count) throws IOException, InterruptedException {
        ObjectNode order = json.createObjectNode();
        order.putObject("dropReplyAfterApply").put("pathPrefix", pathPrefix).put("count", count);
        arm(order);
    }

    /** {@code DELETE /sandbox/faults}: every fault cleared. */
    void clearFaults() throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).timeout(Duration.ofSeconds(30))
                .DELETE().build()), 204);
    }

    private void arm(ObjectNode order) throws IOException, InterruptedException {
        expect(send(HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/faults")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(order.toString()))
                .build()), 204);
    }

    /**
     * One call, bounded as a whole: the request's own timeout stops covering a call once the response's headers have
     * arrived (JDK-8208693), so a stalled body would otherwise hang the test run.
     */
    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return send(http, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            return call.get(CALL_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new IOException(request.method() + " " + request.uri() + " took over " + CALL_LIMIT, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}
