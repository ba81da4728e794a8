package io.agenthub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.apache.camel.ConsumerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** A back-end that fails: retried when safe, and when it stays down the request is dead-lettered, never lost. */
class BackendFailureTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("connectors.core-banking.retry-delay-ms", "20")
            .with("connectors.core-banking.response-timeout-ms", "500");

    @AfterEach
    void healTheBackEnd() {
        hub.sandbox().faults().clear();
    }

    @Test
    void passingBackEndErrorsAreRetriedAndTheRequestSucceeds() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/cards", 2, 503);

        JsonNode reply = json(hub.postRequest(request("C-1001", "I lost my card", null)).body());

        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(hub.sandbox().faults().pendingFailures("/core-banking/cards")).isZero();
    }

    @Test
    void aBackEndThatStaysDownGivesA502AndTheRequestGoesToTheDeadLetterQueue() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);

        HttpResponse<String> response = hub.postRequest(request("C-1004", "I lost my card", "down-key-1"));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode problem = json(response.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:agent-hub:problem:backend-unavailable");
        String requestId = problem.path("requestId").asText();
        assertThat(requestId).isNotBlank();
        // the first attempt and two retries
        assertThat(hub.sandbox().faults().requestCount("/core-banking/customers")).isEqualTo(3);

        JsonNode stored = json(hub.get("/api/v1/requests/" + requestId).body());
        assertThat(stored.path("status").asText()).isEqualTo("FAILED");
        assertThat(stored.path("steps").findValuesAsText("step")).endsWith("connector-call", "failed");

        JsonNode letter = deadLetterFor(requestId);
        assertThat(letter).as("dead letter of " + requestId).isNotNull();
        assertThat(letter.path("request").path("subjectId").asText()).isEqualTo("C-1004");
        assertThat(letter.path("problem").path("status").asInt()).isEqualTo(502);

        // a retry with the same key is told the same, without calling the back-end again
        assertThat(hub.postRequest(request("C-1004", "I lost my card", "down-key-1")).body()).isEqualTo(response.body());
        assertThat(hub.sandbox().faults().requestCount("/core-banking/customers")).isEqualTo(3);
    }

    /** Reads the dead-letter queue until the letter of this request; other tests' letters may come first. */
    private static JsonNode deadLetterFor(String requestId) throws Exception {
        ConsumerTemplate consumer = hub.camel().createConsumerTemplate();
        try {
            for (int i = 0; i < 10; i++) {
                String body = consumer.receiveBody("jms:queue:hub.dead-letter", 10_000, String.class);
                if (body == null) {
                    return null;
                }
                JsonNode letter = json(body);
                if (letter.path("requestId").asText().equals(requestId)) {
                    return letter;
                }
            }
            return null;
        } finally {
            consumer.stop();
        }
    }

    @Test
    void aBackEndSlowerThanTheResponseTimeoutIsTreatedAsDown() throws Exception {
        hub.sandbox().faults().delay("/core-banking/customers", Duration.ofSeconds(2));

        HttpResponse<String> response = hub.postRequest(request("C-1005", "I lost my card ending 7036", null));

        assertThat(response.statusCode()).isEqualTo(502);
    }
}
