package io.agenthub.broker;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Two hubs in one JVM (a benchmark, a test with a second hub) each get a broker of their own. */
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
