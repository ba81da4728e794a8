package io.agenthub.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** An external Artemis over TCP is configuration only: no embedded broker starts, and JMS requests still flow. */
class ExternalBrokerTest {

    @Order(1)
    @RegisterExtension
    static final StandaloneArtemis artemis = new StandaloneArtemis();

    @Order(2)
    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.broker.url", artemis.url());

    @Test
    void requestsOverAnExternalBrokerAreAnswered() throws Exception {
        String answer = hub.camel().createProducerTemplate()
                .requestBodyAndHeader("jms:queue:hub.requests?requestTimeout=20000", request("C-1001", "I lost my card", null),
                        "Authorization", hub.channelAuthorization("demo-bank"), String.class);

        JsonNode reply = json(answer);
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        // the hub's consumers sit on the external broker's queue
        assertThat(artemis.server.getActiveMQServer().locateQueue("hub.requests").getConsumerCount()).isPositive();
        assertThat(hub.camel().hasService(EmbeddedBroker.class)).isNull();
        assertThat(hub.get("/observe/health?exposureLevel=full").body()).contains("{\"name\":\"broker\",\"status\":\"UP\"}");
    }

    @Test
    void deadLettersOnAnExternalBrokerAreListedAndCountedOverJms() throws Exception {
        assertThat(hub.get("/api/v1/dead-letters").body()).isEqualTo("[]");
        assertThat(hub.get("/observe/metrics").body())
                .contains("hub_dead_letters{source=\"hub\"} 0.0", "hub_dead_letters{source=\"broker\"} 0.0");
    }

    /** A broker in its own journal, reachable only over TCP on loopback, standing in for a shared Artemis. */
    static final class StandaloneArtemis implements AfterAllCallback {
        final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        final int port = AvailablePortFinder.getNextAvailable();

        StandaloneArtemis() {
            try {
                String dir = Files.createTempDirectory("external-artemis").toString();
                server.setConfiguration(new ConfigurationImpl().setName("external")
                        .setPersistenceEnabled(false).setSecurityEnabled(false).setJMXManagementEnabled(false)
                        .setJournalDirectory(dir).setBindingsDirectory(dir).setPagingDirectory(dir)
                        .addAcceptorConfiguration("tcp", url()));
                server.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the stand-in broker", e);
            }
        }

        String url() {
            return "tcp://127.0.0.1:" + port;
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            server.stop();
        }
    }
}
