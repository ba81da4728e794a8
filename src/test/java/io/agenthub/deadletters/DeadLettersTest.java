package io.agenthub.deadletters;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import io.agenthub.broker.EmbeddedBroker;
import io.agenthub.frontdoor.FailureHandler;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.BrowsableEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters are kept for replay, and an operator can see, replay and purge them while the hub runs: the hub's
 * own (requests it could not complete or answer) and the broker's (messages it gave up on), with their depth as a
 * metric. None of it shows what a request said.
 */
class DeadLettersTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("connectors.core-banking.retries", "0")
            .with("hub.broker.max-delivery-attempts", "2")
            .with("hub.broker.redelivery-delay-ms", "0");

    private final ListAppender<ILoggingEvent> failureLog = new ListAppender<>();

    @BeforeEach
    void startEmptyAndWatchTheLog() throws Exception {
        assertThat(delete("/api/v1/dead-letters").statusCode()).isEqualTo(200);
        failureLog.start();
        ((Logger) LoggerFactory.getLogger(FailureHandler.class)).addAppender(failureLog);
    }

    @AfterEach
    void healTheBackEnd() {
        hub.sandbox().faults().clear();
        ((Logger) LoggerFactory.getLogger(FailureHandler.class)).detachAppender(failureLog);
    }

    @Test
    void aRequestABackEndFailedIsListedWithoutItsContentAndReplayedOnceTheBackEndIsBack() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);
        HttpResponse<String> failed = hub.postRequest(request("C-1004", "I lost my card, this is Margaret Thornton", "dl-1"));
        assertThat(failed.statusCode()).isEqualTo(502);
        String requestId = json(failed.body()).path("requestId").asText();

        HttpResponse<String> listed = hub.get("/api/v1/dead-letters");
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode letters = json(listed.body());
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("source").asText()).isEqualTo("hub");
        assertThat(letter.path("requestId").asText()).isEqualTo(requestId);
        assertThat(letter.path("ingress").asText()).isEqualTo("front-door-http");
        assertThat(letter.path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:backend-unavailable");
        assertThat(letter.path("at").asText()).isNotBlank();
        assertThat(letter.path("replayable").asBoolean()).isTrue();
        assertThat(listed.body()).doesNotContain("Margaret", "Thornton", "lost my card");
        // the letter kept for replay holds the request as pseudonymised, never the name
        assertThat(storedHubLetters()).singleElement().asString().contains("C-1004").doesNotContain("Margaret", "Thornton");
        assertThat(hub.get("/observe/metrics").body()).contains("hub_dead_letters{source=\"hub\"} 1.0");

        hub.sandbox().faults().clear();
        HttpResponse<String> replayed = hub.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", "", null);

        assertThat(replayed.statusCode()).isEqualTo(202);
        assertThat(json(replayed.body()).path("queue").asText()).isEqualTo("hub.requests");
        assertThat(json(hub.get("/api/v1/dead-letters").body())).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cardStatus("C-1004", "CRD-1004-1")).isEqualTo("BLOCKED"));
        assertThat(json(hub.get("/api/v1/dead-letters").body())).isEmpty();
        assertThat(hub.get("/observe/metrics").body()).contains("hub_dead_letters{source=\"hub\"} 0.0");
    }

    @Test
    void anOperatorWorksTheLettersOfItsOwnTenantsOnly() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);
        assertThat(hub.postRequest(request("C-1004", "I lost my card", "dl-tenant-1")).statusCode()).isEqualTo(502);
        String bankOperator = "Bearer " + hub.token("bank-ops", Set.of(Role.OPERATOR), "demo-bank");
        String insurerOperator = "Bearer " + hub.token("insurer-ops", Set.of(Role.OPERATOR), "demo-insurer");

        JsonNode seenByBank = json(as(bankOperator, "GET", "/api/v1/dead-letters").body());
        assertThat(seenByBank).hasSize(1);
        assertThat(seenByBank.get(0).path("tenant").asText()).isEqualTo("demo-bank");
        String id = seenByBank.get(0).path("id").asText();

        assertThat(json(as(insurerOperator, "GET", "/api/v1/dead-letters").body())).isEmpty();
        assertThat(as(insurerOperator, "DELETE", "/api/v1/dead-letters/" + id).statusCode()).isEqualTo(404);
        assertThat(as(insurerOperator, "POST", "/api/v1/dead-letters/" + id + "/replay").statusCode()).isEqualTo(404);
        assertThat(json(as(insurerOperator, "DELETE", "/api/v1/dead-letters").body()).path("purged").asInt()).isZero();
        assertThat(json(as(bankOperator, "GET", "/api/v1/dead-letters").body())).hasSize(1);
        assertThat(as(bankOperator, "DELETE", "/api/v1/dead-letters/" + id).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> as(String authorization, String method, String path) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void aJmsMessageWithoutReplyToThatFailsValidationIsDeadLetteredWithItsReasonAndLogged() throws Exception {
        String body = "{\"tenant\":\"demo-bank\",\"subjectId\":\"C-1001\",\"text\":\"Margaret Thornton lost her card\"}";
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        Exchange sent = esb.send("jms:queue:hub.requests?includeSentJMSMessageID=true", e -> {
            e.getMessage().setBody(body);
            e.getMessage().setHeader("Authorization", hub.channelAuthorization("demo-bank"));
        });
        esb.stop();
        String messageId = sent.getMessage().getHeader("JMSMessageID", String.class);
        assertThat(messageId).isNotBlank();

        await().atMost(Duration.ofSeconds(30)).until(() -> json(hub.get("/api/v1/dead-letters").body()).size() == 1);
        HttpResponse<String> listed = hub.get("/api/v1/dead-letters");
        JsonNode letter = json(listed.body()).get(0);
        assertThat(letter.path("ingress").asText()).isEqualTo("front-door-jms");
        assertThat(letter.path("jmsMessageId").asText()).isEqualTo(messageId);
        assertThat(letter.path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:invalid-request");
        assertThat(letter.path("problem").path("errors").findValuesAsText("field")).containsExactly("channel");
        assertThat(letter.path("replayable").asBoolean()).isFalse();
        assertThat(listed.body() + storedHubLetters()).doesNotContain("Margaret", "Thornton");

        List<ILoggingEvent> warnings = failureLog.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.getFormattedMessage())
                .contains(messageId, "urn:agent-hub:problem:invalid-request").doesNotContain("Margaret"));

        HttpResponse<String> replay = hub.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", "", null);
        assertThat(replay.statusCode()).isEqualTo(409);
        assertThat(json(replay.body()).path("type").asText()).isEqualTo("urn:agent-hub:problem:not-replayable");
    }

    @Test
    void aMessageTheBrokerGaveUpOnIsListedAndReplayedToTheFrontDoor() throws Exception {
        hub.camel().getRouteController().stopRoute("front-door-jms");
        try {
            poisonOnTheRequestQueue(request("C-1005", "I lost my card ending 7036", "dl-broker-1"));
        } finally {
            hub.camel().getRouteController().startRoute("front-door-jms");
        }

        JsonNode letters = json(hub.get("/api/v1/dead-letters").body());
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("source").asText()).isEqualTo("broker");
        assertThat(letter.path("ingress").asText()).isEqualTo("hub.requests");
        assertThat(letter.path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:delivery-attempts-exhausted");
        assertThat(letter.path("replayable").asBoolean()).isTrue();
        assertThat(hub.get("/observe/metrics").body()).contains("hub_dead_letters{source=\"broker\"} 1.0");

        assertThat(hub.post("/api/v1/dead-letters/" + letter.path("id").asText() + "/replay", "", null).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cardStatus("C-1005", "CRD-1005-1")).isEqualTo("BLOCKED"));
        assertThat(json(hub.get("/api/v1/dead-letters").body())).isEmpty();
    }

    @Test
    void lettersArePurgedOneByOneOrAllAtOnce() throws Exception {
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);
        for (int i = 0; i < 3; i++) {
            assertThat(hub.postRequest(request("C-1001", "I lost my card", null)).statusCode()).isEqualTo(502);
        }
        JsonNode letters = json(hub.get("/api/v1/dead-letters").body());
        assertThat(letters).hasSize(3);

        assertThat(delete("/api/v1/dead-letters/" + letters.get(0).path("id").asText()).statusCode()).isEqualTo(200);
        assertThat(delete("/api/v1/dead-letters/" + letters.get(0).path("id").asText()).statusCode()).isEqualTo(404);
        assertThat(json(hub.get("/api/v1/dead-letters").body())).hasSize(2);

        HttpResponse<String> purged = delete("/api/v1/dead-letters");
        assertThat(json(purged.body()).path("purged").asInt()).isEqualTo(2);
        assertThat(json(hub.get("/api/v1/dead-letters").body())).isEmpty();
        assertThat(hub.get("/api/v1/dead-letters?limit=0").statusCode()).isEqualTo(400);
        assertThat(hub.post("/api/v1/dead-letters/no-such-letter/replay", "", null).statusCode()).isEqualTo(404);
    }

    /** Sends a message to the request queue and rolls back each delivery until the broker dead-letters it. */
    private static void poisonOnTheRequestQueue(String body) throws Exception {
        EmbeddedBroker broker = hub.camel().hasService(EmbeddedBroker.class);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(), broker.internalUser(), broker.internalPassword());
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            TextMessage poison = session.createTextMessage(body);
            poison.setStringProperty("Authorization", hub.channelAuthorization("demo-bank"));
            session.createProducer(session.createQueue("hub.requests")).send(poison);
            session.commit();
            MessageConsumer consumer = session.createConsumer(session.createQueue("hub.requests"));
            for (int attempt = 0; attempt < 2; attempt++) {
                assertThat(consumer.receive(10_000)).as("delivery " + attempt).isNotNull();
                session.rollback();
            }
            consumer.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.camel().hasService(EmbeddedBroker.class).messageCount("DLQ") == 1);
    }

    private static List<String> storedHubLetters() throws Exception {
        BrowsableEndpoint queue = hub.camel().getEndpoint("jms:queue:hub.dead-letter", BrowsableEndpoint.class);
        return queue.getExchanges().stream().map(e -> e.getMessage().getBody(String.class)).toList();
    }

    private static String cardStatus(String customer, String cardId) throws Exception {
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/" + customer + "/cards").body());
        return StreamSupport.stream(cards.spliterator(), false).filter(c -> c.path("cardId").asText().equals(cardId))
                .findFirst().orElseThrow().path("status").asText();
    }

    private static HttpResponse<String> delete(String path) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(30)).DELETE().build());
    }
}
