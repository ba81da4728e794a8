package io.agenthub.cli;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * {@code agent-hub jms}: the hub's JMS interfaces from a shell, as a bank's systems use them (the front door's
 * {@code hub.requests}, {@code hub.claims}, {@code bank.fraud-alerts}, {@code hub.outreach-replies}), so that a person
 * checking a hub needs no JMS tool of their own.
 */
@Command(name = "jms", mixinStandardHelpOptions = true,
        description = {"The hub's JMS queues from a shell: send a message to one over the broker's",
                "acceptor, as a bank's system would, and wait for the answer."},
        subcommands = {JmsCommand.Send.class})
final class JmsCommand {

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Send one text message to a queue of the hub's broker, logged in as a channel",
                    "of a tenant. With --reply, wait on a temporary queue (JMSReplyTo) for the hub's",
                    "answer and print its body on standard output, its HubStatus and HubRequestId",
                    "on standard error. Exit status 1 when the broker cannot be reached, refuses",
                    "the login or the send, no reply comes in time, or the reply's HubStatus is",
                    "400 or more."})
    static final class Send implements Callable<Integer> {

        /** The broker logs this name; it checks only the password, a bearer token. */
        static final String USER = "agent-hub-cli";
        private static final Pattern QUEUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
        /** A JMS property name is a Java identifier; names starting with JMS belong to the provider. */
        private static final Pattern PROPERTY = Pattern.compile("(?!JMS)[A-Za-z_$][A-Za-z0-9_$]{0,127}");

        @Option(names = "--broker", paramLabel = "URL", defaultValue = "tcp://127.0.0.1:61616",
                description = "The hub's broker acceptor, an Artemis core URL (default: ${DEFAULT-VALUE}); for TLS add"
                        + " ?sslEnabled=true&trustStorePath=FILE&trustStorePassword=SECRET.")
        String broker;

        @Option(names = "--queue", required = true, paramLabel = "NAME",
                description = "The queue: hub.requests, hub.claims, bank.fraud-alerts or hub.outreach-replies.")
        String queue;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Body body;

        static final class Body {
            @Option(names = "--file", paramLabel = "FILE", required = true,
                    description = "The message's body: this UTF-8 file, or standard input for -.")
            Path file;

            @Option(names = "--body", paramLabel = "TEXT", required = true,
                    description = "The message's body (JSON as the queue takes it).")
            String text;
        }

        @Option(names = "--property", paramLabel = "NAME=VALUE",
                description = "A string property of the message, e.g. HubOutreachId=ID; repeat for more.")
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--tenant", paramLabel = "TENANT",
                description = "Send as a channel of this tenant, with a five-minute token signed with the key of --data-dir.")
        String tenant;

        @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:HUB_TOKEN}",
                description = "A bearer token holding the channel role for the message's tenant, to log in with"
                        + " (default: $HUB_TOKEN; without one, --tenant is needed).")
        String token;

        @Option(names = "--reply", description = "Wait for the hub's answer on a temporary queue and print it.")
        boolean reply;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
                description = "How long --reply waits: 30s, 2m or ISO-8601 (default: ${DEFAULT-VALUE}).")
        Duration timeout;

        @Mixin
        HubData store;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            checkArguments();
            String text = body.file != null ? read(body.file) : body.text;
            String password = password();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker, USER, password);
                 Connection connection = connect(factory)) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                TextMessage message = session.createTextMessage(text);
                for (Map.Entry<String, String> property : properties.entrySet()) {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
                MessageConsumer consumer = null;
                if (reply) {
                    // Listening before the send: the hub may answer before the send call has returned.
                    TemporaryQueue replies = session.createTemporaryQueue();
                    consumer = session.createConsumer(replies);
                    message.setJMSReplyTo(replies);
                }
                try {
                    // A persistent send blocks until the broker took it, so a refusal is known here.
                    session.createProducer(session.createQueue(queue)).send(message);
                } catch (JMSSecurityException e) {
                    throw new IllegalStateException("the broker at " + broker + " refused this login's send to " + queue
                            + ": the token must hold the channel role, and the queue be one channels may send to"
                            + " (docs/security.md, permissions on the broker)");
                }
                if (!reply) {
                    out.printf("Sent %s to %s.%n", message.getJMSMessageID(), queue);
                    out.flush();
                    return 0;
                }
                // receive(0) would wait for ever: a timeout under a millisecond waits one.
                Message answer = consumer.receive(Math.max(1, timeout.toMillis()));
                if (answer == null) {
                    throw new IllegalStateException("no reply to " + message.getJMSMessageID() + " on " + queue + " within "
                            + human(timeout));
                }
                return print(answer, out, err);
            } catch (JMSException e) {
                throw new IllegalStateException("the broker at " + broker + " failed: " + firstLine(e));
            }
        }

        private void checkArguments() {
            if (!broker.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
                throw new ParameterException(spec.commandLine(), "--broker '" + broker
                        + "' is not an Artemis core URL such as tcp://127.0.0.1:61616");
            }
            if (!QUEUE.matcher(queue).matches()) {
                throw new ParameterException(spec.commandLine(), "--queue '" + queue
                        + "' is not a queue name (letters, digits, '.', '_' and '-')");
            }
            for (String name : properties.keySet()) {
                if (!PROPERTY.matcher(name).matches()) {
                    throw new ParameterException(spec.commandLine(), "--property '" + name + "' is not a JMS property name"
                            + " (a Java identifier not starting with JMS)");
                }
            }
            if (blank(token) && blank(tenant)) {
                throw new ParameterException(spec.commandLine(), "name the tenant to send as (--tenant) or give a token"
                        + " (--token or HUB_TOKEN)");
            }
        }

        /** The login's password: the token given, else a channel token of --tenant from the hub's embedded issuer. */
        private String password() {
            if (!blank(token)) {
                String given = token.strip();
                return given.regionMatches(true, 0, "Bearer ", 0, 7) ? given.substring(7).strip() : given;
            }
            return CliTokens.channel(store.settings(), tenant.strip(), spec.qualifiedName());
        }

        private Connection connect(ActiveMQConnectionFactory factory) {
            try {
                return factory.createConnection();
            } catch (JMSSecurityException e) {
                // Never quote the token: say what may be wrong with it.
                throw new IllegalStateException("the broker at " + broker + " refused the login: the token is not valid"
                        + " for this hub (expired, signed with another hub's key, or not a token)");
            } catch (JMSException e) {
                throw new IllegalStateException("cannot reach the broker at " + broker + " (is the hub running, with"
                        + " hub.broker.acceptor there?): " + firstLine(e));
            }
        }

        private String read(Path file) {
            byte[] bytes;
            try {
                bytes = file.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "--file " + file + " cannot be read: " + e);
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ParameterException(spec.commandLine(), "--file " + file + " is not UTF-8 text");
            }
        }

        /** The body on standard output (so it can be piped on), what the hub said of it on standard error. */
        private static int print(Message answer, PrintWriter out, PrintWriter err) throws JMSException {
            String text;
            if (answer instanceof TextMessage textMessage) {
                text = textMessage.getText() == null ? "" : textMessage.getText();
            } else if (answer instanceof BytesMessage bytes) {
                byte[] content = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(content);
                text = new String(content, StandardCharsets.UTF_8);
            } else {
                text = "";
            }
            out.println(text);
            out.flush();
            List<String> said = new ArrayList<>();
            Object status = answer.getObjectProperty("HubStatus");
            if (status != null) {
                said.add("HubStatus " + status);
            }
            if (answer.propertyExists("HubRequestId")) {
                said.add("HubRequestId " + answer.getStringProperty("HubRequestId"));
            }
            if (!said.isEmpty()) {
                err.println(String.join(", ", said));
            }
            err.flush();
            return status != null && String.valueOf(status).strip().matches("[4-9]\\d\\d") ? 1 : 0;
        }

        private static boolean blank(String text) {
            return text == null || text.isBlank();
        }

        private static String human(Duration duration) {
            return duration.toString().substring(2).toLowerCase(Locale.ROOT);
        }

        private static String firstLine(Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? e.getMessage() : root.getMessage();
            return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("").strip();
        }
    }
}
