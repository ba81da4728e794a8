package io.agenthub.frontdoor;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing a caller sends, as a query parameter, a form field or a request header, comes back as a response
 * header: only the hub's own headers are answered, with the hub's own values.
 */
class ResponseHeaderTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    /** What an HTTP answer of the hub may carry, whatever was asked. */
    static final Set<String> ALLOWED = Set.of("content-type", "content-length", "transfer-encoding", "connection",
            "keep-alive", "date", "allow", "hubrequestid", "hubstatus", "idempotent-replayed", "retry-after", "location",
            // the next page of a list (RFC 8288)
            "link",
            // the hub's own challenge on a 401 (RFC 6750), its value fixed but for the error code
            "www-authenticate");

    /** Names a caller could try to have echoed: browser-acting headers, the hub's own, and Camel's. */
    static final List<String> HOSTILE_NAMES = List.of("Set-Cookie", "Refresh", "Location", "Content-Security-Policy",
            "Access-Control-Allow-Origin", "X-Injected", "HubRequestId", "HubStatus", "Idempotent-Replayed",
            "Content-Type", "CamelHttpUri", "CamelHttpPath", "CamelHttpQuery", "CamelHttpResponseCode",
            "CamelHttpResponseText", "CamelHttpMethod", "CamelHttpRawQuery", "CamelHttpUrl", "CamelHttpCharacterEncoding",
            "CamelFileName", "CamelVertxPlatformHttpRemoteAddress", "requestId", "status", "limit", "Link", "reviewId");

    private static final String VALUE = "0;url=https://evil.example/";

    private static String hostileQuery() {
        return HOSTILE_NAMES.stream().map(n -> n + "=" + URLEncoder.encode(VALUE, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/api/v1/reviews", "/api/v1/reviews?limit=1", "/api/v1/requests/no-such-request",
            "/api/v1/requests/no-such-request/explanation", "/observe/health"})
    void queryParametersNeverBecomeResponseHeaders(String path) throws Exception {
        String url = path + (path.contains("?") ? "&" : "?") + hostileQuery();

        HttpResponse<String> response = hub.get(url);

        assertThat(response.statusCode()).isLessThan(500);
        assertOnlyTheHubsHeaders(response);
    }

    @Test
    void theBrowserRedirectFromTheIssueIsGone() throws Exception {
        HttpResponse<String> response = hub.get("/api/v1/reviews?limit=1&Refresh=0%3Burl%3Dhttps%3A%2F%2Fevil.example%2F");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Refresh")).isEmpty();
        assertOnlyTheHubsHeaders(response);
    }

    @Test
    void requestHeadersNeverBecomeResponseHeaders() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests?" + hostileQuery())))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(RunningHub.request("C-1001", "I lost my card", null)))
                .header("Content-Type", "application/json");
        for (String name : List.of("X-Injected", "HubRequestId", "HubStatus", "Idempotent-Replayed", "Refresh",
                "CamelHttpUri", "CamelHttpPath", "CamelHttpResponseCode", "X-Forwarded-For", "Cookie")) {
            request.header(name, VALUE);
        }

        HttpResponse<String> response = hub.send(request.build());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertOnlyTheHubsHeaders(response);
        // the hub's own headers are still there, with the hub's values
        assertThat(response.headers().firstValue("HubRequestId")).hasValue(json(response.body()).path("requestId").asText());
        assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    @Test
    void aRefusedRequestDoesNotEchoEitherAndKeepsItsStatus() throws Exception {
        HttpResponse<String> response = hub.post("/api/v1/requests?" + hostileQuery(), "{\"tenant\":", "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertOnlyTheHubsHeaders(response);
    }

    @Test
    void formFieldsNeverBecomeResponseHeaders() throws Exception {
        String form = HOSTILE_NAMES.stream().map(n -> n + "=" + URLEncoder.encode(VALUE, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));

        for (String path : List.of("/api/v1/requests", "/api/v1/requests/no-such-request/contest")) {
            HttpResponse<String> response = hub.post(path, form, "application/x-www-form-urlencoded");

            assertThat(response.statusCode()).as(path).isEqualTo(415);
            assertOnlyTheHubsHeaders(response);
        }
    }

    @Test
    void aReplayCarriesTheHubsReplayHeader() throws Exception {
        String body = RunningHub.request("C-1001", "I lost my card", "header-test-replay");
        hub.postRequest(body);

        HttpResponse<String> replay = hub.post("/api/v1/requests?Idempotent-Replayed=false", body, "application/json");

        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertOnlyTheHubsHeaders(replay);
    }

    static void assertOnlyTheHubsHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = response.headers().map();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (name.equals(":status")) {
                continue;
            }
            assertThat(ALLOWED).as("response header %s: %s", header.getKey(), header.getValue()).contains(name);
            assertThat(header.getValue()).as("value of %s", header.getKey())
                    .noneMatch(v -> v.contains("evil.example"));
        }
        assertThat(headers.getOrDefault("hubstatus", List.of())).allMatch(v -> v.equals(String.valueOf(response.statusCode())));
    }
}
