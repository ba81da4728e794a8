package io.agenthub.crash;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's JMS interface through the embedded broker's TCP acceptor, logged in as a channel of the demo bank:
 * persistent requests to {@code hub.requests} with a durable reply queue of the tenant's own (a temporary one would
 * die with the broker), and a listener that books every reply under its correlation id, which is the request's
 * idempotency key.
 */
final class JmsFrontDoor implements AutoCloseable {

    static final String REQUEST_QUEUE = "hub.requests";
    static final String REPLY_QUEUE = "hub.replies.demo-bank.crash";

    private final ActiveMQConnectionFactory factory;
    private final Connection connection;
    private final Session producerSession;
    private final MessageProducer producer;
    private final Queue replies;
    private final ObjectMapper json;
    /** Keys whose send returned: the broker has the message on disk (durable sends block until then). */
    private final Set<String> sent = ConcurrentHashMap.newKeySet();

    JmsFrontDoor(String brokerUrl, String token, AnswerBook book, ObjectMapper json) throws JMSException {
        this.json = json;
        factory = new ActiveMQConnectionFactory(brokerUrl, "crash-esb", token);
        factory.setReconnectAttempts(0);
        connection = factory.createConnection();
        producerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = producerSession.createProducer(producerSession.createQueue(REQUEST_QUEUE));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        replies = producerSession.createQueue(REPLY_QUEUE);
        Session listenerSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = listenerSession.createConsumer(listenerSession.createQueue(REPLY_QUEUE));
        consumer.setMessageListener(message -> book(message, book));
        connection.start();
    }

    /** Sends one request; false when the broker is gone (the hub was killed). */
    synchronized boolean send(KeyedRequest request) {
        try {
            TextMessage message = producerSession.createTextMessage(request.body(json));
            message.setJMSReplyTo(replies);
            message.setJMSCorrelationID(request.key());
            producer.send(message);
            sent.add(request.key());
            return true;
        } catch (JMSException | RuntimeException e) {
            return false;
        }
    }

    boolean wasSent(String key) {
        return sent.contains(key);
    }

    private void book(Message message, AnswerBook book) {
        try {
            String key = message.getJMSCorrelationID();
            int status = message.propertyExists("HubStatus") ? message.getIntProperty("HubStatus") : 200;
            String requestId = message.getStringProperty("HubRequestId");
            String text = message instanceof TextMessage t ? t.getText() : message.getBody(String.class);
            book.record(key, Answer.of(status, requestId, json.readTree(text)));
        } catch (JMSException | IOException e) {
            throw new IllegalStateException("Unreadable reply on " + REPLY_QUEUE, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            // the broker died with the hub: nothing left to close cleanly
        }
        factory.close();
    }
}
