package io.agenthub.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.api.ProblemType;
import io.agenthub.broker.BrokerUsers;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The JMS front door's access matrix, through the embedded broker's network acceptor as an ESB reaches it, with
 * Artemis's own core client and an AMQP 1.0 client (Qpid JMS): a request is served only for a caller the broker
 * authenticated, holding the channel role for the request's tenant. Everything else is refused, at the broker (no
 * login, a bad token, a role without the right to send) or with a problem reply that carries no data.
 */
class JmsAccessTest {

    static final int PORT = AvailablePortFinder.getNextAvailable();

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.broker.acceptor", "tcp://127.0.0.1:" + PORT);

    private static final String BANK_REQUEST = request("C-1004", "my card has been stolen", null);

    // ---- served ----------------------------------------------------------------------------------------------------

    @Test
    void aChannelLoggedInWithItsTokenIsServedOverCore() throws Exception {
        Message reply = requestOverCore(hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)), BANK_REQUEST, m -> { });

        JsonNode answer = json(((TextMessage) reply).getText());
        assertThat(reply.getIntProperty(HubHeaders.JMS_STATUS)).isEqualTo(200);
        assertThat(answer.path("requestId").asText()).isNotBlank();
        assertThat(answer.path("route").asText()).isEqualTo("card-lost-or-stolen");
    }

    @Test
    void aChannelLoggedInWithItsTokenIsServedOverAmqp() throws Exception {
        Message reply = requestOverAmqp(hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)),
                request("C-1001", "I lost my card", null));

        assertThat(reply.getIntProperty(HubHeaders.JMS_STATUS)).isEqualTo(200);
        assertThat(json(reply.getBody(String.class)).path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void aMessageCarryingTheSameCallersTokenIsServed() throws Exception {
        String token = hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5));

        Message reply = requestOverCore(token, BANK_REQUEST, m -> m.setStringProperty("Authorization", "Bearer " + token));

        assertThat(reply.getIntProperty(HubHeaders.JMS_STATUS)).isEqualTo(200);
        assertThat(reply.propertyExists(JmsCallers.AUTHORIZATION)).as("the token is never echoed").isFalse();
    }

    // ---- refused by the broker: nothing reaches the hub ------------------------------------------------------------

    @Test
    void withoutCredentialsOrWithWrongOnesNoConnectionIsMade() {
        String[] parts = hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)).split("\\.");
        List<ConnectionFactory> refused = List.of(
                new ActiveMQConnectionFactory(coreUrl()),
                new ActiveMQConnectionFactory(coreUrl(), "esb", "wrong-password"),
                new ActiveMQConnectionFactory(coreUrl(), "unknown-user", "secret"),
                new ActiveMQConnectionFactory(coreUrl(), "esb", hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)) + "x"),
                new ActiveMQConnectionFactory(coreUrl(), "esb", alg("none") + "." + parts[1] + "."),
                new ActiveMQConnectionFactory(coreUrl(), BrokerUsers.INTERNAL_USER, "a guess"),
                new JmsConnectionFactory(amqpUrl()),
                new JmsConnectionFactory("esb", "wrong-password", amqpUrl()));
        for (ConnectionFactory factory : refused) {
            assertThatThrownBy(() -> {
                try (Connection connection = factory.createConnection()) {
                    connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                            .createProducer(null).send(connection.createSession().createQueue("hub.requests"), null);
                }
            }).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void anExpiredTokenIsNoLogin() {
        String expired = expiredToken();

        assertThatThrownBy(() -> requestOverCore(expired, BANK_REQUEST, m -> { })).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aCallerWithoutTheChannelRoleCannotSendARequest() {
        String reviewer = hub.token(Role.REVIEWER, "demo-bank", Duration.ofMinutes(5));

        assertThatThrownBy(() -> requestOverCore(reviewer, BANK_REQUEST, m -> { })).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aChannelCannotReadOtherCallersRequestsNorTheDeadLetters() throws Exception {
        String esb = hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5));
        for (String queue : List.of("hub.requests", "hub.dead-letter", "DLQ")) {
            try (Connection connection = new ActiveMQConnectionFactory(coreUrl(), "esb", esb).createConnection()) {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue))).as(queue)
                        .isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    // ---- refused by the front door: a problem reply, no data -------------------------------------------------------

    @Test
    void aChannelOfOneTenantSendingForAnotherIsRefused() throws Exception {
        int before = storedRequests();

        Message reply = requestOverCore(hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5)), BANK_REQUEST, m -> { });

        assertRefused(reply, ProblemType.FORBIDDEN);
        assertThat(storedRequests()).isEqualTo(before);
    }

    @Test
    void aChannelOfOneTenantSendingForAnotherIsRefusedOverAmqpToo() throws Exception {
        Message reply = requestOverAmqp(hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5)), BANK_REQUEST);

        assertRefused(reply, ProblemType.FORBIDDEN);
    }

    @Test
    void aForgedStampOfAnotherTenantsChannelIsOverwrittenByTheBroker() throws Exception {
        String forged = BrokerUsers.nameOf(Caller.of("agent-hub", "bank-esb", Role.CHANNEL, Set.of("demo-bank")));

        Message reply = requestOverCore(hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5)), BANK_REQUEST,
                m -> m.setStringProperty(BrokerUsers.SENDER_PROPERTY, forged));

        assertRefused(reply, ProblemType.FORBIDDEN);
    }

    @Test
    void aTokenPropertyNamingAnotherCallerThanTheLoginIsRefused() throws Exception {
        String other = io.agenthub.access.EmbeddedIssuer.load(io.agenthub.config.HubSettings.offline(null, hub.dataDir()).keyFiles(),
                "agent-hub", "agent-hub", java.time.Clock.systemUTC()).issue("someone-else", Role.CHANNEL, List.of("demo-bank"),
                Duration.ofMinutes(5));

        Message reply = requestOverCore(hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5)), BANK_REQUEST,
                m -> m.setStringProperty("Authorization", "Bearer " + other));

        assertRefused(reply, ProblemType.FORBIDDEN);
    }

    @Test
    void anExpiredInvalidOrUnsignedTokenPropertyIsRefusedEvenOnAValidLogin() throws Exception {
        int deniedBefore = deniedOverJms();
        String login = hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5));
        String[] parts = login.split("\\.");
        for (String authorization : List.of("Bearer " + expiredToken(), "Bearer " + login + "x",
                "Bearer " + alg("none") + "." + parts[1] + ".", "Bearer " + alg("HS256") + "." + parts[1] + "." + parts[2],
                "Bearer ", login, "Basic ZXNiOnNlY3JldA==")) {
            Message reply = requestOverCore(login, BANK_REQUEST, m -> m.setStringProperty("Authorization", authorization));

            assertRefused(reply, ProblemType.UNAUTHENTICATED);
        }
        // each refusal is in the audit trail, with the login that sent it (written within a second)
        await().atMost(Duration.ofSeconds(10)).until(() -> deniedOverJms() >= deniedBefore + 7);
    }

    private static int deniedOverJms() {
        Integer count = new JdbcTemplate(hub.database()).queryForObject("SELECT COUNT(*) FROM hub_request_step"
                + " WHERE step = 'access-denied' AND detail_json LIKE '%front-door-jms%' AND detail_json NOT LIKE '%anonymous%'",
                Integer.class);
        return count == null ? 0 : count;
    }

    @Test
    void anAnswerIsNeverPutOnAnotherTenantsReplyQueue() throws Exception {
        String bankQueue = "hub.replies.demo-bank.esb";
        ActiveMQConnectionFactory bank = new ActiveMQConnectionFactory(coreUrl(), "bank-esb",
                hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)));
        try (Connection connection = bank.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createConsumer(session.createQueue(bankQueue)).close();
        }
        int lettersBefore = json(hub.get("/api/v1/dead-letters").body()).size();

        try (Connection connection = new ActiveMQConnectionFactory(coreUrl(), "insurer-esb",
                hub.token(Role.CHANNEL, "demo-insurer", Duration.ofMinutes(5))).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TextMessage message = session.createTextMessage(BANK_REQUEST.replace("demo-bank", "demo-insurer"));
            message.setJMSReplyTo(session.createQueue(bankQueue));
            session.createProducer(session.createQueue("hub.requests")).send(message);
        }

        // refused and kept as a dead letter with its reason (no body), since its refusal may not go there either
        await().atMost(Duration.ofSeconds(30)).until(() -> json(hub.get("/api/v1/dead-letters").body()).size() == lettersBefore + 1);
        JsonNode letter = json(hub.get("/api/v1/dead-letters").body()).get(lettersBefore);
        assertThat(letter.path("problem").path("type").asText()).isEqualTo(ProblemType.FORBIDDEN.uri());
        assertThat(letter.path("replayable").asBoolean()).isFalse();
        try (Connection connection = bank.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.createConsumer(session.createQueue(bankQueue)).receiveNoWait()).isNull();
        }
    }

    @Test
    void aRequestFromTheHubsOwnConnectionWithoutATokenIsRefused() throws Exception {
        var reply = hub.camel().createProducerTemplate().request("jms:queue:hub.requests?requestTimeout=20000",
                e -> e.getMessage().setBody(BANK_REQUEST));

        assertThat(reply.getMessage().getHeader(HubHeaders.JMS_STATUS, Integer.class)).isEqualTo(401);
        assertThat(json(reply.getMessage().getBody(String.class)).path("type").asText()).isEqualTo(ProblemType.UNAUTHENTICATED.uri());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A refusal: the problem and nothing else, no request id, no answer, no word of the request. */
    private static void assertRefused(Message reply, ProblemType type) throws Exception {
        assertThat(reply.getIntProperty(HubHeaders.JMS_STATUS)).isEqualTo(type.status());
        assertThat(reply.propertyExists(HubHeaders.REQUEST_ID)).isFalse();
        String body = reply.getBody(String.class);
        JsonNode problem = json(body);
        assertThat(problem.path("type").asText()).isEqualTo(type.uri());
        assertThat(problem.fieldNames()).toIterable().isSubsetOf("type", "title", "status", "detail");
        assertThat(body).doesNotContain("C-1004", "stolen", "outcome", "requestId");
    }

    private static Message requestOverCore(String token, String body, JmsCustomiser customise) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(coreUrl(), "esb", token)) {
            return requestReply(factory, body, customise);
        }
    }

    private static Message requestOverAmqp(String token, String body) throws JMSException {
        return requestReply(new JmsConnectionFactory("esb", token, amqpUrl()), body, m -> { });
    }

    private static Message requestReply(ConnectionFactory factory, String body, JmsCustomiser customise) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage message = session.createTextMessage(body);
            message.setJMSReplyTo(replies);
            customise.accept(message);
            session.createProducer(session.createQueue("hub.requests")).send(message);
            Message reply = consumer.receive(30_000);
            assertThat(reply).as("a reply").isNotNull();
            return reply;
        }
    }

    @FunctionalInterface
    interface JmsCustomiser {
        void accept(Message message) throws JMSException;
    }

    private static String expiredToken() {
        return io.agenthub.access.EmbeddedIssuer.load(io.agenthub.config.HubSettings.offline(null, hub.dataDir()).keyFiles(),
                "agent-hub", "agent-hub", java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-3)))
                .issue("esb", Role.CHANNEL, List.of("demo-bank"), Duration.ofHours(1));
    }

    private static String alg(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"alg\":\"" + name + "\",\"typ\":\"JWT\"}").getBytes());
    }

    private static int storedRequests() {
        Integer count = new JdbcTemplate(hub.database()).queryForObject("SELECT COUNT(*) FROM hub_request", Integer.class);
        return count == null ? 0 : count;
    }

    private static String coreUrl() {
        return "tcp://127.0.0.1:" + PORT;
    }

    private static String amqpUrl() {
        return "amqp://127.0.0.1:" + PORT;
    }
}
