package io.agenthub.connectors;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    }
}
