package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The same request shape over JMS, as an existing ESB sends it: a request queue and JMSReplyTo. */
class JmsFrontDoorTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    private ProducerTemplate esb;

    @BeforeEach
    void connectAsAnEsb() {
        esb = hub.camel().createProducerTemplate();
    }

    @AfterEach
    void disconnect() throws Exception {
        esb.stop();
    }

    @Test
    void aRequestOnTheQueueIsAnsweredOnItsReplyTo() throws Exception {
        Exchange reply = esb.request("jms:queue:hub.requests?requestTimeout=20000", e -> {
            e.getMessage().setBody(request("C-1004", "my card has been stolen", "esb-msg-1"));
            e.getMessage().setHeader("Authorization", hub.channelAuthorization("demo-bank"));
        });

        JsonNode answer = json(reply.getMessage().getBody(String.class));
        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(HubHeaders.JMS_STATUS, Integer.class)).isEqualTo(200);
        assertThat(answer.path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("route").asText()).isEqualTo("card-lost-or-stolen");
        assertThat(hub.get("/api/v1/requests/" + answer.path("requestId").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputOverJmsIsAnsweredWithAProblemNotRedelivered() throws Exception {
        Exchange reply = esb.request("jms:queue:hub.requests?requestTimeout=20000", e -> {
            e.getMessage().setBody("{not json");
            e.getMessage().setHeader("Authorization", hub.channelAuthorization("demo-bank"));
        });

        JsonNode problem = json(reply.getMessage().getBody(String.class));
        assertThat(reply.getMessage().getHeader(HubHeaders.JMS_STATUS, Integer.class)).isEqualTo(400);
        assertThat(problem.path("type").asText()).isEqualTo("urn:agent-hub:problem:malformed-json");
    }

    @Test
    void aRepeatedIdempotencyKeyOverJmsGetsTheFirstAnswer() throws Exception {
        String body = request("C-1005", "I can't find my card ending 7036", "esb-msg-2");
        String authorization = hub.channelAuthorization("demo-bank");
        String first = esb.requestBodyAndHeader("jms:queue:hub.requests?requestTimeout=20000", body, "Authorization", authorization,
                String.class);
        String second = esb.requestBodyAndHeader("jms:queue:hub.requests?requestTimeout=20000", body, "Authorization", authorization,
                String.class);

        assertThat(second).isEqualTo(first);
    }
}
