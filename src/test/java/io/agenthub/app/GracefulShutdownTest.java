package io.agenthub.app;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GracefulShutdownTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void aRequestInFlightWhenTheHubStopsIsFinishedAndStored() throws Exception {
        // given a slow back-end, so the request is still in flight when shutdown begins
        hub.sandbox().faults().delay("/core-banking/cards", Duration.ofMillis(1500));
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return hub.postRequest(request("C-1001", "I lost my card", "shutdown-key-1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> hub.sandbox().faults().requestCount("/core-banking/customers") > 0);

        // when the hub is stopped (as Ctrl-C does)
        hub.stop();

        // then the caller still got its answer, and it was stored
        HttpResponse<String> response = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = json(response.body()).path("requestId").asText();
        hub.start();
        assertThat(json(hub.get("/api/v1/requests/" + requestId).body()).path("status").asText()).isEqualTo("COMPLETED");
    }
}
