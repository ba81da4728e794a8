package io.agenthub.connectors;

import io.agenthub.RunningHub;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One retry policy, the connector's ({@code retries}, {@code retry-delay-ms}): a back-end that keeps failing gets
 * exactly the calls it allows, however the HTTP client underneath would retry on its own. The response timeout is
 * left at its default, which is longer than the HTTP client's own retry pause.
 */
class ConnectorRetriesTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("connectors.core-banking.retries", "2")
            .with("connectors.core-banking.retry-delay-ms", "20");

    @AfterEach
    void healTheBackEnd() {
        hub.sandbox().faults().clear();
    }

    @Test
    void aReadThatKeepsFailingWith503IsCalledRetriesPlusOneTimes() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);

        assertThat(hub.postRequest(request("C-1001", "I lost my card", null)).statusCode()).isEqualTo(502);

        assertThat(hub.sandbox().faults().requestCount("/core-banking/customers")).isEqualTo(3);
    }

    @Test
    void aReadThatKeepsFailingWith429IsCalledRetriesPlusOneTimes() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 429);

        assertThat(hub.postRequest(request("C-1004", "I lost my card", null)).statusCode()).isEqualTo(502);

        assertThat(hub.sandbox().faults().requestCount("/core-banking/customers")).isEqualTo(3);
    }

    @Test
    void aWriteWithoutAnIdempotencyKeyIsCalledOnceEvenWhenTheBackEndAnswers503() {
        hub.sandbox().faults().failNext("/core-banking/cards", 100, 503);
        ProducerTemplate producer = hub.camel().createProducerTemplate();

        Exchange done = producer.send("direct:core-banking", exchange -> exchange.getMessage()
                .setBody(ConnectorCall.post("block-card", "/cards/CRD-1001-1/block", Map.of("reason", "LOST"), null)));

        assertThat(done.getException()).isNotNull();
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards")).isEqualTo(1);
    }
}
