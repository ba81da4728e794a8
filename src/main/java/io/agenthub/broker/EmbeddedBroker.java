package io.agenthub.broker;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-machine default broker: ActiveMQ Artemis in process, reached at {@link #url()} ({@code vm://0} for the
 * first in a JVM) by the hub itself, and through its network acceptor ({@link BrokerSettings#acceptor()}, core and
 * AMQP) by ESBs. Security is on: every client logs in ({@link BrokerLogins}), each message carries the user the broker
 * validated, and the security settings ({@link BrokerPermissions}) say which address each role may use. It is a Camel
 * service so that it starts before the JMS routes and stops after them; its threads would otherwise keep the JVM alive.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /**
     * In-VM acceptors are registered JVM-wide by server id: two hubs in one process (a benchmark, a test
     * starting a second hub) each need their own, or the second's clients would reach the first's broker.
     */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final BrokerSettings settings;
    private final BrokerLogins logins;
    private final String url = "vm://" + SERVER_IDS.getAndIncrement();
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(BrokerSettings settings, BrokerLogins logins) {
        this.settings = settings;
        this.logins = logins;
    }

    /** The user the hub's own connections log in as (in-VM only). */
    public String internalUser() {
        return BrokerUsers.INTERNAL_USER;
    }

    /** That user's password, made at this start and held in memory only. */
    public String internalPassword() {
        return logins.internalPassword();
    }

    /** Where this broker's in-VM clients connect. */
    public String url() {
        return url;
    }

    /** Messages waiting on a queue of this broker; 0 for a queue that does not exist (yet) or a stopped broker. */
    public long messageCount(String queue) {
        EmbeddedActiveMQ running = server;
        Queue found = running == null ? null : running.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    protected void doStart() throws Exception {
        String dir = settings.journalDir().toAbsolutePath().toString();
        Configuration config = new ConfigurationImpl()
                .setName("agent-hub")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir + "/journal")
                .setBindingsDirectory(dir + "/bindings")
                .setPagingDirectory(dir + "/paging")
                .setLargeMessagesDirectory(dir + "/large-messages")
                .setSecurityEnabled(true)
                // Artemis caches grants by the user NAME a client gives, which a token login does not check: cached,
                // one caller's grant would serve another who typed the same name. It caches logins by name and
                // password, without the connection: the hub's in-VM login would then admit the same name and password
                // over the network. Both are off; BrokerLogins checks each time and remembers verified tokens briefly.
                .setAuthorizationCacheSize(0)
                .setAuthenticationCacheSize(0)
                // Temporary queues are named by UUID; this files them under temp.<uuid> for the security settings.
                .setTemporaryQueueNamespace(BrokerPermissions.TEMPORARY_NAMESPACE)
                .setSecurityRoles(BrokerPermissions.of(settings))
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(10_000)
                .addAcceptorConfiguration("in-vm", url);
        // Every accepted message carries the user its sender logged in as, overwriting any value the sender put
        // there: the front door reads who sent a request from there.
        config.registerBrokerPlugin(new SenderStamp());
        NetworkAcceptor acceptor = settings.acceptor();
        if (acceptor != null) {
            ensurePortIsFree(acceptor);
            config.addAcceptorConfiguration(acceptor.transport());
            if (!acceptor.onLoopback() && !acceptor.tls()) {
                LOG.warn("Broker acceptor {} is reachable from other machines without TLS: bearer tokens and requests cross the"
                        + " network in clear; set hub.broker.tls.key-store", acceptor.describe());
            }
        }
        // The front door's queues exist from the start, so that a channel needs no right to create them.
        for (String queue : List.of(settings.requestQueue())) {
            config.addAddressConfiguration(new CoreAddressConfiguration()
                    .setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)));
        }
        SimpleString dla = SimpleString.of(settings.deadLetterAddress());
        // One queue holds every dead letter, as in Artemis' stock broker.xml, so that operators (and the hub's
        // dead-letter routes) find them all in one place, embedded or not; _AMQ_ORIG_ADDRESS says where each came from.
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(settings.deadLetterAddress())
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(settings.deadLetterAddress())
                        .setRoutingType(RoutingType.ANYCAST)));
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(dla)
                .setExpiryAddress(SimpleString.of(settings.expiryAddress()))
                .setAutoCreateExpiryResources(true)
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(settings.redeliveryDelayMs()));
        server = new EmbeddedActiveMQ().setConfiguration(config).setSecurityManager(logins);
        server.start();
        LOG.info("Embedded Artemis started at {}{} with journal {}", url,
                acceptor == null ? " (in-VM only)" : " and " + acceptor.describe(), dir);
    }

    /** Fails the start with a clear message, rather than Artemis's, when the acceptor's port is taken. */
    private static void ensurePortIsFree(NetworkAcceptor acceptor) {
        String host = java.net.URI.create(acceptor.url()).getHost().replaceAll("^\\[|]$", "");
        try (ServerSocket ignored = new ServerSocket(acceptor.port(), 1, InetAddress.getByName(host))) {
            // bound and released: the port is free
        } catch (IOException e) {
            throw new IllegalStateException("Broker port " + acceptor.port() + " on " + host
                    + " is already in use (or the address is not this machine's); choose another with hub.broker.acceptor");
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (server != null) {
            server.stop();
            server = null;
            LOG.info("Embedded Artemis stopped");
        }
    }
}
