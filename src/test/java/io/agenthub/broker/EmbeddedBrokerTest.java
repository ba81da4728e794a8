package io.agenthub.broker;

import io.agenthub.access.BearerTokens;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.access.TokenSettings;
import ch.qos.logback.classic.Level;
import io.agenthub.secrets.KeyFiles;
import io.agenthub.testing.LogCapture;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded broker on its own: each hub in a JVM gets a broker of its own, every client logs in, and the security
 * settings give a channel its request queue and reply queues and nothing else.
 */
class EmbeddedBrokerTest {

    @TempDir
    static Path dir;
    static EmbeddedIssuer issuer;
    static EmbeddedBroker broker;
    static String network;

    @BeforeAll
    static void startABrokerWithANetworkAcceptor() throws Exception {
        issuer = EmbeddedIssuer.load(new KeyFiles(dir.resolve("keys"), dir), "agent-hub", "agent-hub", Clock.systemUTC());
        network = "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();
        broker = new EmbeddedBroker(new BrokerSettings(dir.resolve("broker"), "DLQ", "ExpiryQueue", 5, 100)
                .withAcceptor(NetworkAcceptor.plain(network)), logins());
        broker.start();
    }

    @AfterAll
    static void stopTheBroker() {
        broker.stop();
    }

    @Test
    void twoBrokersInOneJvmKeepTheirMessagesApart(@TempDir Path other) throws Exception {
        EmbeddedBroker second = new EmbeddedBroker(new BrokerSettings(other, "DLQ", "ExpiryQueue", 5, 100), logins());
        try {
            second.start();
            assertThat(broker.url()).isNotEqualTo(second.url());

            send(hub(second), "q", "for the second");

            assertThat(receive(hub(broker), "q")).isNull();
            assertThat(receive(hub(second), "q")).isEqualTo("for the second");
        } finally {
            second.stop();
        }
    }

    @Test
    void aChannelLoggedInWithATokenSendsRequestsOverTheNetworkAndTheBrokerStampsWhoSentThem() throws Exception {
        send(network(channel("demo-bank")), "hub.requests", "over tcp");

        Message received = receiveMessage(hub(broker), "hub.requests");
        assertThat(((TextMessage) received).getText()).isEqualTo("over tcp");
        assertThat(BrokerUsers.callerOf(received.getStringProperty(BrokerUsers.SENDER_PROPERTY)))
                .hasValueSatisfying(caller -> assertThat(caller.holds(Role.CHANNEL, "demo-bank")).isTrue());
    }

    @Test
    void aSenderCannotForgeTheStampOfAnotherCaller() throws Exception {
        try (ActiveMQConnectionFactory factory = network(channel("demo-bank"));
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            TextMessage forged = session.createTextMessage("forged");
            forged.setStringProperty(BrokerUsers.SENDER_PROPERTY, BrokerUsers.nameOf(
                    io.agenthub.access.Caller.of("agent-hub", "someone-else", Role.CHANNEL, java.util.Set.of("demo-insurer"))));
            session.createProducer(session.createQueue("hub.requests")).send(forged);
        }

        Message received = receiveMessage(hub(broker), "hub.requests");
        assertThat(BrokerUsers.callerOf(received.getStringProperty(BrokerUsers.SENDER_PROPERTY)))
                .hasValueSatisfying(caller -> {
                    assertThat(caller.subject()).isEqualTo("esb-demo-bank");
                    assertThat(caller.tenants(Role.CHANNEL)).containsExactly("demo-bank");
                });
    }

    @Test
    void noCredentialsWrongCredentialsAndBadTokensCannotConnect() {
        String expired = EmbeddedIssuer.load(new KeyFiles(dir.resolve("keys"), dir), "agent-hub", "agent-hub",
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).issue("esb", Role.CHANNEL, List.of("demo-bank"), Duration.ofHours(1));
        String alien = EmbeddedIssuer.load(new KeyFiles(dir.resolve("other-keys"), dir), "agent-hub", "agent-hub", Clock.systemUTC())
                .issue("esb", Role.CHANNEL, List.of("demo-bank"), Duration.ofMinutes(5));
        String[] parts = channel("demo-bank").split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";
        for (ActiveMQConnectionFactory factory : List.of(
                new ActiveMQConnectionFactory(network),
                new ActiveMQConnectionFactory(network, "esb", "not a token"),
                new ActiveMQConnectionFactory(network, "nobody", ""),
                new ActiveMQConnectionFactory(network, "esb", expired),
                new ActiveMQConnectionFactory(network, "esb", alien),
                new ActiveMQConnectionFactory(network, "esb", unsigned))) {
            assertThatThrownBy(() -> send(factory, "hub.requests", "refused")).isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theHubsOwnIdentityIsRefusedOverTheNetworkEvenWithItsPassword() {
        ActiveMQConnectionFactory asTheHub = new ActiveMQConnectionFactory(network, broker.internalUser(), broker.internalPassword());

        assertThatThrownBy(() -> send(asTheHub, "hub.requests", "refused")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aChannelMaySendRequestsButNotReadThemNorTouchAnyOtherQueue() throws Exception {
        String esb = channel("demo-bank");

        assertThatThrownBy(() -> receive(network(esb), "hub.requests")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> browse(network(esb), "hub.requests")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> receive(network(esb), "DLQ")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> browse(network(esb), "DLQ")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> send(network(esb), "hub.dead-letter", "x")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> send(network(esb), "DLQ", "x")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> send(network(esb), "anything.else", "x")).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> receive(network(esb), "anything.else")).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aRoleOtherThanChannelMayNotSendRequests() {
        String reviewer = issuer.issue("reviewer-1", Role.REVIEWER, List.of("demo-bank"), Duration.ofMinutes(5));

        assertThatThrownBy(() -> send(new ActiveMQConnectionFactory(network, "reviewer-1", reviewer), "hub.requests", "x"))
                .isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aTenantsDurableReplyQueueIsReadByItsOwnChannelsOnly() throws Exception {
        String queue = BrokerPermissions.REPLY_PREFIX + "demo-bank.esb-1";
        assertThat(receive(network(channel("demo-bank")), queue)).isNull();
        send(hub(broker), queue, "an answer");

        assertThatThrownBy(() -> receive(network(channel("demo-insurer")), queue)).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> send(network(channel("demo-insurer")), queue, "a fake answer"))
                .isInstanceOf(JMSSecurityException.class);
        assertThat(receive(network(channel("demo-bank")), queue)).isEqualTo("an answer");
    }

    @Test
    void aChannelMakesAndReadsItsTemporaryReplyQueue() throws Exception {
        try (ActiveMQConnectionFactory factory = network(channel("demo-bank"));
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            var replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            send(hub(broker), replies.getQueueName(), "the answer");

            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("the answer");
        }
    }

    @Test
    void withAKeyStoreTheAcceptorSpeaksTlsOnly(@TempDir Path tls) throws Exception {
        Path keyStore = tls.resolve("broker.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        String url = "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();
        EmbeddedBroker secured = new EmbeddedBroker(new BrokerSettings(tls.resolve("broker"), "DLQ", "ExpiryQueue", 5, 100)
                .withAcceptor(new NetworkAcceptor(url, List.of("CORE", "AMQP"), keyStore, "changeit", "PKCS12")), logins());
        try {
            secured.start();
            String overTls = url + "?sslEnabled=true&trustStorePath=" + keyStore + "&trustStorePassword=changeit&trustStoreType=PKCS12";

            send(new ActiveMQConnectionFactory(overTls, "esb", channel("demo-bank")), "hub.requests", "over tls");

            assertThat(receive(hub(secured), "hub.requests")).isEqualTo("over tls");
            ActiveMQConnectionFactory plain = new ActiveMQConnectionFactory(url + "?callTimeout=2000&connectionTTL=2000", "esb",
                    channel("demo-bank"));
            assertThatThrownBy(() -> send(plain, "hub.requests", "in clear")).isInstanceOf(JMSException.class);
        } finally {
            secured.stop();
        }
    }

    @Test
    void anAcceptorOpenToOtherMachinesWithoutTlsIsWarnedAbout(@TempDir Path open) throws Exception {
        EmbeddedBroker exposed = new EmbeddedBroker(new BrokerSettings(open, "DLQ", "ExpiryQueue", 5, 100)
                .withAcceptor(NetworkAcceptor.plain("tcp://0.0.0.0:" + AvailablePortFinder.getNextAvailable())), logins());
        try (LogCapture logs = LogCapture.at(Level.WARN)) {
            exposed.start();

            assertThat(logs.events()).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("reachable from other machines without TLS", "hub.broker.tls.key-store"));
        } finally {
            exposed.stop();
        }
    }

    @Test
    void anAcceptorNeedsATcpUrlWithAFixedPortAndKnownProtocols() {
        for (String bad : new String[] {"61616", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "http://127.0.0.1:61616", "tcp://:61616",
                "tcp://127.0.0.1:61616?sslEnabled=true"}) {
            assertThatThrownBy(() -> NetworkAcceptor.plain(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("hub.broker.acceptor");
        }
        assertThatThrownBy(() -> new NetworkAcceptor("tcp://127.0.0.1:61616", List.of("STOMP"), null, null, null))
                .hasMessageContaining("hub.broker.acceptor-protocols");
        assertThatThrownBy(() -> new NetworkAcceptor("tcp://127.0.0.1:61616", List.of("CORE"), Path.of("ks.p12"), "", null))
                .hasMessageContaining("hub.broker.tls.key-store-password");
        assertThat(NetworkAcceptor.plain("tcp://127.0.0.1:61616").onLoopback()).isTrue();
        assertThat(NetworkAcceptor.plain("tcp://0.0.0.0:61616").onLoopback()).isFalse();
    }

    private static BrokerLogins logins() {
        return new BrokerLogins(BearerTokens.embedded(TokenSettings.of(issuer, Duration.ZERO), issuer), Duration.ofSeconds(10));
    }

    private static String channel(String tenant) {
        return issuer.issue("esb-" + tenant, Role.CHANNEL, List.of(tenant), Duration.ofMinutes(5));
    }

    private static ActiveMQConnectionFactory network(String token) {
        return new ActiveMQConnectionFactory(network, "esb", token);
    }

    private static ActiveMQConnectionFactory hub(EmbeddedBroker target) {
        return new ActiveMQConnectionFactory(target.url(), target.internalUser(), target.internalPassword());
    }

    private static void send(ActiveMQConnectionFactory factory, String queue, String text) throws JMSException {
        try (factory; Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }

    private static String receive(ActiveMQConnectionFactory factory, String queue) throws JMSException {
        Message message = receiveMessage(factory, queue);
        return message == null ? null : ((TextMessage) message).getText();
    }

    private static Message receiveMessage(ActiveMQConnectionFactory factory, String queue) throws JMSException {
        try (factory; Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            return consumer.receive(1000);
        }
    }

    private static void browse(ActiveMQConnectionFactory factory, String queue) throws JMSException {
        try (factory; Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createBrowser(session.createQueue(queue)).getEnumeration().hasMoreElements();
        }
    }
}
