package io.agenthub.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two hubs in one JVM (a benchmark, a test with a second hub) each get a broker of their own; a TCP acceptor is opt-in. */
class EmbeddedBrokerTest {

    @Test
    void twoBrokersInOneJvmKeepTheirMessagesApart(@TempDir Path dir) throws Exception {
        EmbeddedBroker first = broker(dir.resolve("first"));
        EmbeddedBroker second = broker(dir.resolve("second"));
        try {
            first.start();
            second.start();
            assertThat(first.url()).isNotEqualTo(second.url());

            send(first.url(), "for the first");

            assertThat(receive(second.url())).isNull();
            assertThat(receive(first.url())).isEqualTo("for the first");
        } finally {
            second.stop();
            first.stop();
        }
    }

    @Test
    void aClientInAnotherProcessReachesTheQueuesThroughTheTcpAcceptor(@TempDir Path dir) throws Exception {
        String acceptor = "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable();
        EmbeddedBroker broker = new EmbeddedBroker(new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100, acceptor));
        try {
            broker.start();

            send(acceptor, "over tcp");

            assertThat(receive(broker.url())).isEqualTo("over tcp");
        } finally {
            broker.stop();
        }
    }

    @Test
    void withoutAnAcceptorTheBrokerIsInVmOnly(@TempDir Path dir) {
        assertThat(new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100, " ").acceptor()).isNull();
        assertThat(new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100).acceptor()).isNull();
    }

    @Test
    void anAcceptorNeedsATcpUrlWithAFixedPort(@TempDir Path dir) {
        for (String bad : new String[] {"61616", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "http://127.0.0.1:61616", "tcp://:61616"}) {
            assertThatThrownBy(() -> new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100, bad))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hub.broker.acceptor");
        }
        assertThat(new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100, "tcp://127.0.0.1:61616").acceptorOnLoopback()).isTrue();
        assertThat(new BrokerSettings(dir, "DLQ", "ExpiryQueue", 5, 100, "tcp://0.0.0.0:61616").acceptorOnLoopback()).isFalse();
    }

    private static EmbeddedBroker broker(Path journal) {
        return new EmbeddedBroker(new BrokerSettings(journal, "DLQ", "ExpiryQueue", 5, 100));
    }

    private static void send(String url, String text) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            session.createProducer(session.createQueue("q")).send(session.createTextMessage(text));
        }
    }

    private static String receive(String url) throws JMSException {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
             Connection connection = factory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
            TextMessage message = (TextMessage) consumer.receive(500);
            return message == null ? null : message.getText();
        }
    }
}
