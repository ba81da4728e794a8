package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

class ObservabilityTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void healthReportsTheBrokerTheDatabaseAndEveryRoute() throws Exception {
        var response = hub.get("/observe/health?exposureLevel=full");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = json(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("checks").findValuesAsText("name"))
                .contains("database", "broker", "route:front-door", "route:card-lost-or-stolen", "consumer:front-door-jms");
    }

    @Test
    void prometheusMetricsCountExchangesPerRoute() throws Exception {
        hub.postRequest(request("C-1004", "I lost my card", null));

        var response = hub.get("/observe/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .containsPattern("camel_exchanges_total\\{[^}]*routeId=\"card-lost-or-stolen\"[^}]*} [1-9]")
                .containsPattern("camel_route_policy_seconds_count\\{[^}]*routeId=\"connector-core-banking\"");
    }
}
