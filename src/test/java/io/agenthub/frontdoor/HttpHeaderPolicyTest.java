package io.agenthub.frontdoor;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpHeaderPolicyTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final HttpHeaderPolicy server = HttpHeaderPolicy.server();
    private final HttpHeaderPolicy connectors = HttpHeaderPolicy.connectors();

    @Test
    void theServerAnswersWithTheHubsHeadersOnly() {
        Exchange exchange = new DefaultExchange(camel);
        for (String own : new String[] {"HubRequestId", "hubstatus", "Idempotent-Replayed", "Retry-After", "Location"}) {
            assertThat(server.applyFilterToCamelHeaders(own, "v", exchange)).as(own).isFalse();
        }
        for (String other : new String[] {"Set-Cookie", "Refresh", "limit", "requestId", "CamelHttpUri", "X-Anything", "Content-Type"}) {
            assertThat(server.applyFilterToCamelHeaders(other, "v", exchange)).as(other).isTrue();
        }
    }

    @Test
    void aCallerCannotPresetTheHubsHeadersNorCamelsNorAPathParameter() {
        Exchange exchange = new DefaultExchange(camel);
        for (String name : new String[] {"HubRequestId", "HUBSTATUS", "idempotent-replayed", "Location", "CamelHttpUri",
                "camelHttpResponseCode", "org.apache.camel.Foo", "requestId", "{\"tenant\":\"a\"}", "a b", ""}) {
            assertThat(server.applyFilterToExternalHeaders(name, "v", exchange)).as(name).isTrue();
        }
        assertThat(server.applyFilterToExternalHeaders("limit", "5", exchange)).isFalse();
        assertThat(server.applyFilterToExternalHeaders("Content-Type", "application/json", exchange)).isFalse();
    }

    @Test
    void theFirstValueOfANameWinsSoAQueryParameterCannotShadowAHeader() {
        Exchange exchange = new DefaultExchange(camel);
        assertThat(server.applyFilterToExternalHeaders("Content-Length", "12", exchange)).isFalse();
        exchange.getMessage().setHeader("Content-Length", "12");

        assertThat(server.applyFilterToExternalHeaders("Content-Length", "1", exchange)).isTrue();
    }

    @Test
    void connectorsSendTheCallsHeadersAndTakeOnlyTheMediaTypeBack() {
        Exchange exchange = new DefaultExchange(camel);
        assertThat(connectors.applyFilterToCamelHeaders("Idempotency-Key", "k", exchange)).isFalse();
        assertThat(connectors.applyFilterToCamelHeaders("X-Request-Id", "r", exchange)).isFalse();
        assertThat(connectors.applyFilterToCamelHeaders("requestId", "r", exchange)).isTrue();
        assertThat(connectors.applyFilterToCamelHeaders("CamelHttpUri", "u", exchange)).isTrue();
        assertThat(connectors.applyFilterToExternalHeaders("Content-Type", "application/json", exchange)).isFalse();
        assertThat(connectors.applyFilterToExternalHeaders("Set-Cookie", "a=b", exchange)).isTrue();
        assertThat(connectors.applyFilterToExternalHeaders("Location", "http://x", exchange)).isTrue();
    }
}
