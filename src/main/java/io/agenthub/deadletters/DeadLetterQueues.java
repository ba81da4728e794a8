package io.agenthub.deadletters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.Caller;
import io.agenthub.access.InternalTokens;
import io.agenthub.access.Role;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.broker.BrokerUsers;
import io.agenthub.frontdoor.DeadLetter;
import io.agenthub.frontdoor.JmsCallers;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dead letters an operator works through while the hub runs: the hub's own dead-letter queue (requests it
 * could not complete or could not answer) and the broker's DLQ (messages it gave up on after their delivery
 * attempts). Listing browses and shows where each came from and why, never its content. Plain JMS rather than
 * Camel endpoints, because a replay takes the letter and sends the request in one local transaction: a letter
 * is gone only once its replay is sent.
 */
public final class DeadLetterQueues {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueues.class);

    public static final String HUB = "hub";
    public static final String BROKER = "broker";
    /** Set by Artemis on a message it moves to its dead-letter address. */
    private static final String ORIGINAL_ADDRESS = "_AMQ_ORIG_ADDRESS";
    /** Artemis message ids are {@code ID:} and a UUID; anything else cannot name a letter (nor enter a selector). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,100}");
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final long RECEIVE_MS = 2000;
    /** The subject of the token a hub letter's replay is sent with. */
    static final String REPLAY_SUBJECT = "dead-letter-replay";

    /** How many messages wait on a queue. */
    @FunctionalInterface
    public interface QueueDepth {
        long of(String queue) throws JMSException;
    }

    /** A replayed letter: the request went to {@code queue} with this idempotency key, so it acts once. */
    public record Replayed(String id, String queue, String idempotencyKey) {
    }

    /** Every replayable letter replayed; the others were left where they are. */
    public record ReplayedAll(int replayed, int notReplayable) {
    }

    public record Purged(int purged) {
    }

    private final ConnectionFactory jms;
    private final String hubQueue;
    private final String brokerQueue;
    private final String requestQueue;
    private final ObjectMapper json;
    private final QueueDepth depth;
    private final InternalTokens tokens;
    private final Set<String> allTenants;

    /**
     * @param depth      how to count a queue; null browses it (any broker), the embedded one counts for itself
     * @param tokens     signs the token a replay is sent with, naming the channel it acts for
     * @param allTenants every tenant the hub serves: an operator of all of them also works the letters of no known tenant
     */
    public DeadLetterQueues(ConnectionFactory jms, String hubQueue, String brokerQueue, String requestQueue,
                            ObjectMapper json, QueueDepth depth, InternalTokens tokens, Set<String> allTenants) {
        this.jms = jms;
        this.allTenants = Set.copyOf(allTenants);
        this.tokens = tokens;
        this.hubQueue = hubQueue;
        this.brokerQueue = brokerQueue;
        this.requestQueue = requestQueue;
        this.json = json;
        this.depth = depth != null ? depth : this::browseCount;
    }

    /**
     * The letters an operator of {@code tenants} may work, oldest first, the hub's before the broker's, at most
     * {@code limit} (default 100, at most 1,000).
     */
    public List<DeadLetterView> list(String limit, Set<String> tenants) throws JMSException {
        int max = limit(limit);
        return visible(tenants, max);
    }

    private List<DeadLetterView> visible(Set<String> tenants, int max) throws JMSException {
        List<DeadLetterView> letters = new ArrayList<>();
        try (Connection connection = connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String source : List.of(HUB, BROKER)) {
                List<DeadLetterView> all = new ArrayList<>();
                browse(session, source, null, Integer.MAX_VALUE, all);
                all.stream().filter(letter -> mayWork(letter, tenants)).limit(max - letters.size()).forEach(letters::add);
            }
        }
        return letters;
    }

    /** A letter of one of the operator's tenants; one of no known tenant only for an operator of every tenant. */
    private boolean mayWork(DeadLetterView letter, Set<String> tenants) {
        return letter.tenant() != null ? tenants.contains(letter.tenant()) : tenants.containsAll(allTenants);
    }

    /**
     * Sends the letter's request to the front door again (InOnly: its answer is stored with the new request, and
     * a failure is dead-lettered anew) and removes the letter in the same transaction.
     */
    public Replayed replay(String id, Set<String> tenants) throws JMSException {
        String selector = selectorFor(id);
        try (Connection connection = connect()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            DeadLetterView letter = find(session, id, selector, tenants);
            if (!letter.replayable()) {
                throw new ProblemException(ProblemType.NOT_REPLAYABLE, "Dead letter " + id + " holds no request the front door"
                        + " can take again (it failed before it was pseudonymised, or was not meant for the front door).");
            }
            Message taken = take(session, letter.source(), selector, id);
            String key = "replay:" + id;
            Message replay = letter.source().equals(HUB) ? replayOfHubLetter(session, taken, key) : replayOfBrokerLetter(session, taken);
            session.createProducer(session.createQueue(requestQueue)).send(replay);
            session.commit();
            LOG.info("Dead letter {} replayed to {}", id, requestQueue);
            return new Replayed(id, requestQueue, letter.source().equals(HUB) ? key : null);
        }
    }

    /**
     * Replays every replayable letter the operator may work that is there now; a replay that fails again comes back
     * as a new letter.
     */
    public ReplayedAll replayAll(Set<String> tenants) throws JMSException {
        List<DeadLetterView> letters = visible(tenants, Integer.MAX_VALUE);
        int replayed = 0;
        for (DeadLetterView letter : letters) {
            if (letter.replayable()) {
                replay(letter.id(), tenants);
                replayed++;
            }
        }
        return new ReplayedAll(replayed, letters.size() - replayed);
    }

    public Purged purge(String id, Set<String> tenants) throws JMSException {
        String selector = selectorFor(id);
        try (Connection connection = connect()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            DeadLetterView letter = find(session, id, selector, tenants);
            take(session, letter.source(), selector, id);
            session.commit();
            LOG.info("Dead letter {} purged", id);
            return new Purged(1);
        }
    }

    /** Removes every letter the operator may work that is there now. */
    public Purged purgeAll(Set<String> tenants) throws JMSException {
        int purged = 0;
        for (DeadLetterView letter : visible(tenants, Integer.MAX_VALUE)) {
            try {
                purge(letter.id(), tenants);
                purged++;
            } catch (ProblemException gone) {
                // purged or replayed by someone else meanwhile
            }
        }
        LOG.info("{} dead letters purged", purged);
        return new Purged(purged);
    }

    /** Letters waiting in one source; NaN when the broker cannot be asked, so a scrape never fails. */
    public double depth(String source) {
        try {
            return depth.of(queueOf(source));
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Dead-letter depth of {} unknown: {}", source, e.getMessage());
            return Double.NaN;
        }
    }

    private long browseCount(String queue) throws JMSException {
        try (Connection connection = connect()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            long count = 0;
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements(); messages.nextElement()) {
                    count++;
                }
            } catch (InvalidDestinationException absent) {
                return 0;
            }
            return count;
        }
    }

    private Connection connect() throws JMSException {
        Connection connection = jms.createConnection();
        try {
            connection.start();
        } catch (JMSException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The letter, if the operator may work it: another tenant's is answered as one that does not exist. */
    private DeadLetterView find(Session session, String id, String selector, Set<String> tenants) throws JMSException {
        List<DeadLetterView> found = new ArrayList<>();
        for (String source : List.of(HUB, BROKER)) {
            browse(session, source, selector, 1, found);
            if (!found.isEmpty() && mayWork(found.get(0), tenants)) {
                return found.get(0);
            }
        }
        throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter " + id + ".");
    }

    private Message take(Session session, String source, String selector, String id) throws JMSException {
        MessageConsumer consumer = session.createConsumer(session.createQueue(queueOf(source)), selector);
        Message taken = consumer.receive(RECEIVE_MS);
        if (taken == null) {
            // Purged or replayed by someone else since it was found.
            throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter " + id + ".");
        }
        return taken;
    }

    private void browse(Session session, String source, String selector, int max, List<DeadLetterView> into)
            throws JMSException {
        if (max <= 0) {
            return;
        }
        int added = 0;
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queueOf(source)), selector)) {
            for (Enumeration<?> messages = browser.getEnumeration(); messages.hasMoreElements() && added < max; added++) {
                Message message = (Message) messages.nextElement();
                into.add(source.equals(HUB) ? viewOfHubLetter(message) : viewOfBrokerLetter(message));
            }
        } catch (InvalidDestinationException absent) {
            // the queue was never created: no letters
        }
    }

    private DeadLetterView viewOfHubLetter(Message message) throws JMSException {
        String id = idOf(message);
        try {
            DeadLetter letter = json.readValue(((TextMessage) message).getText(), DeadLetter.class);
            return new DeadLetterView(id, HUB, letter.failedAt(), letter.ingress(), letter.problem(), letter.requestId(),
                    letter.jmsMessageId(), letter.replayable(), letter.request() == null ? null : letter.request().tenant());
        } catch (JsonProcessingException | ClassCastException e) {
            return new DeadLetterView(id, HUB, Instant.ofEpochMilli(message.getJMSTimestamp()), null,
                    Problem.of(ProblemType.INTERNAL_ERROR, "The letter is not one the hub wrote."), null, null, false, null);
        }
    }

    private DeadLetterView viewOfBrokerLetter(Message message) throws JMSException {
        String meantFor = message.getStringProperty(ORIGINAL_ADDRESS);
        boolean copyable = message instanceof TextMessage || message instanceof BytesMessage;
        return new DeadLetterView(idOf(message), BROKER, Instant.ofEpochMilli(message.getJMSTimestamp()), meantFor,
                Problem.of(ProblemType.DELIVERY_ATTEMPTS_EXHAUSTED, "The broker stopped delivering it to "
                        + (meantFor != null ? meantFor : "its queue") + " after its delivery attempts."),
                null, message.getJMSMessageID(), copyable && requestQueue.equals(meantFor), senderTenant(message));
    }

    /** The tenant of the channel that sent a message the broker gave up on, when it is a channel of one tenant only. */
    private static String senderTenant(Message message) throws JMSException {
        Set<String> tenants = BrokerUsers.callerOf(message.getStringProperty(BrokerUsers.SENDER_PROPERTY))
                .map(caller -> caller.tenants(Role.CHANNEL)).orElse(Set.of());
        return tenants.size() == 1 ? tenants.iterator().next() : null;
    }

    /**
     * The stored request, pseudonymised, under a key of its own so that a replay sent twice acts once. The front door
     * admitted it once, for a caller holding the channel role for its tenant; the replay acts as such a channel again.
     */
    private Message replayOfHubLetter(Session session, Message taken, String key) throws JMSException {
        try {
            HubRequest stored = json.readValue(((TextMessage) taken).getText(), DeadLetter.class).request();
            HubRequest replay = new HubRequest(stored.tenant(), stored.channel(), stored.subjectId(), stored.text(), key,
                    stored.correlationId());
            Message message = session.createTextMessage(json.writeValueAsString(replay));
            message.setStringProperty(JmsCallers.AUTHORIZATION, tokens.channelBearer(REPLAY_SUBJECT, List.of(stored.tenant())));
            return message;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dead letter " + key + " became unreadable", e);
        }
    }

    /**
     * The message as first sent, acting for the caller who first sent it: the broker's stamp of its sender's login
     * (kept on a dead letter) becomes a token for that caller's channel tenants, or, failing that, the message's own
     * Authorization property goes with it. Without either the front door refuses the replay as it refused the original.
     */
    private Message replayOfBrokerLetter(Session session, Message taken) throws JMSException {
        Message replay = copyOf(session, taken);
        Optional<Caller> sender = BrokerUsers.callerOf(taken.getStringProperty(BrokerUsers.SENDER_PROPERTY))
                .filter(caller -> caller.holds(Role.CHANNEL));
        if (sender.isPresent()) {
            replay.setStringProperty(JmsCallers.AUTHORIZATION,
                    tokens.channelBearer(sender.get().id(), sender.get().tenants(Role.CHANNEL)));
        } else if (taken.getStringProperty(JmsCallers.AUTHORIZATION) != null) {
            replay.setStringProperty(JmsCallers.AUTHORIZATION, taken.getStringProperty(JmsCallers.AUTHORIZATION));
        }
        return replay;
    }

    /** The message as first sent, without its JMSReplyTo: whoever waited for an answer has long stopped. */
    private static Message copyOf(Session session, Message taken) throws JMSException {
        if (taken instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        BytesMessage bytes = (BytesMessage) taken;
        byte[] body = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(body);
        BytesMessage copy = session.createBytesMessage();
        copy.writeBytes(body);
        return copy;
    }

    private String queueOf(String source) {
        return switch (source) {
            case HUB -> hubQueue;
            case BROKER -> brokerQueue;
            default -> throw new IllegalArgumentException("no dead-letter source " + source);
        };
    }

    private static String idOf(Message message) throws JMSException {
        String messageId = message.getJMSMessageID();
        return messageId != null && messageId.startsWith("ID:") ? messageId.substring(3) : messageId;
    }

    private static String selectorFor(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No dead letter has that id.");
        }
        return "JMSMessageID = 'ID:" + id + "'";
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }
}
