package io.agenthub.connectors;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.stream.StreamSupport;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("connectors.core-banking.retries", "0")
            .with("connectors.core-banking.breaker.sliding-window-size", "4")
            .with("connectors.core-banking.breaker.minimum-calls", "4")
            .with("connectors.core-banking.breaker.wait-in-open-ms", "60000");

    @Test
    void aFailingBackEndIsLeftAloneOnceTheBreakerOpens() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 1000, 500);
        for (int i = 0; i < 4; i++) {
            assertThat(hub.postRequest(request("C-1001", "I lost my card", null)).statusCode()).isEqualTo(502);
        }
        long callsWhenOpened = hub.sandbox().faults().requestCount("/core-banking/customers");

        for (int i = 0; i < 5; i++) {
            assertThat(hub.postRequest(request("C-1001", "I lost my card", null)).statusCode()).isEqualTo(502);
        }

        assertThat(hub.sandbox().faults().requestCount("/core-banking/customers")).isEqualTo(callsWhenOpened);
        anOpenBreakerIsInHealthAndMetrics();
    }

    /** Readiness is DOWN with the open breaker named; the breakers' states are gauges beside Camel's metrics. */
    private void anOpenBreakerIsInHealthAndMetrics() throws Exception {
        var ready = hub.get("/observe/health/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        var health = json(hub.get("/observe/health?exposureLevel=full").body());
        var breakers = StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(check -> check.path("name").asText().equals("circuit-breakers")).findFirst().orElseThrow();
        assertThat(breakers.path("status").asText()).isEqualTo("DOWN");
        assertThat(breakers.path("message").asText()).contains("connector-core-banking");

        String metrics = hub.get("/observe/metrics").body();
        assertThat(metrics)
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"connector-core-banking\"[^}]*state=\"open\"[^}]*} 1")
                .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"connector-insurance\"[^}]*state=\"closed\"[^}]*} 1")
                .containsPattern("resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"connector-core-banking\"[^}]*} [1-9]");
    }
}
