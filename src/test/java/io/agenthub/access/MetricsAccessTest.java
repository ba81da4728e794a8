package io.agenthub.access;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** With hub.observe.metrics-requires-token, the metrics answer an operator's token only; health stays open. */
class MetricsAccessTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.observe.metrics-requires-token", "true");

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path))).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.sendAsIs(request.build());
    }

    @Test
    void metricsAnswerAnOperatorOnlyWhileHealthStaysOpen() throws Exception {
        assertThat(get("/observe/health", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = get("/observe/metrics", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("camel_");
        HttpResponse<String> channel = get("/observe/metrics", hub.token("app", Set.of(Role.CHANNEL), "demo-bank"));
        assertThat(channel.statusCode()).isEqualTo(403);
        assertThat(channel.body()).doesNotContain("camel_");

        HttpResponse<String> operator = get("/observe/metrics", hub.token("ops", Set.of(Role.OPERATOR), "demo-bank"));
        assertThat(operator.statusCode()).isEqualTo(200);
        assertThat(operator.body()).contains("camel_");
    }
}
