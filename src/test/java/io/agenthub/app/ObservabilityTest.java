package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

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
                .contains("database", "broker", "circuit-breakers", "route:front-door", "route:card-lost-or-stolen",
                        "route:connector-core-banking", "consumer:front-door-jms");
    }

    @Test
    void infoShowsTheHubsNameAndVersionAndNothingOfTheHostItRunsOn() throws Exception {
        var response = hub.get("/observe/info");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode info = json(response.body());
        assertThat(info.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("name", "version");
        assertThat(info.path("name").asText()).isEqualTo("agent-hub");
        assertThat(response.body()).doesNotContain(System.getProperty("user.dir"), System.getProperty("user.home"),
                System.getProperty("java.vendor"), String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void healthGivesNoCallerAStackTraceOrACheckInsides() throws Exception {
        for (String query : List.of("stackTrace=true", "data=true", "exposureLevel=full&StackTrace=true")) {
            var response = hub.get("/observe/health?" + query);

            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response.body()).path("type").asText()).isEqualTo("urn:agent-hub:problem:invalid-request");
        }
        assertThat(hub.get("/observe/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void camelsOtherManagementPagesAreNotServed() throws Exception {
        for (String path : List.of("/observe/jolokia", "/observe/jolokia/read/java.lang:type=Runtime", "/q/dev", "/q/dev/properties",
                "/q/send/", "/q/upload/x", "/q/download", "/q/info", "/observe/dev")) {
            assertThat(hub.get(path).statusCode()).as(path).isEqualTo(404);
        }
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
