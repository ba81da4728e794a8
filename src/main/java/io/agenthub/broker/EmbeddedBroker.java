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

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The single-machine default broker: ActiveMQ Artemis in process, reached at {@link #url()}
 * ({@code vm://0} for the first in a JVM), and over TCP when {@link BrokerSettings#acceptor()} is set. It is a Camel service so that it starts before the JMS routes
 * and stops after them; its threads would otherwise keep the JVM alive.
 */
public final class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /**
     * In-VM acceptors are registered JVM-wide by server id: two hubs in one process (a benchmark, a test
     * starting a second hub) each need their own, or the second's clients would reach the first's broker.
     */
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final BrokerSettings settings;
    private final String url = "vm://" + SERVER_IDS.getAndIncrement();
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
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
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setGracefulShutdownEnabled(true)
                .setGracefulShutdownTimeout(10_000)
                .addAcceptorConfiguration("in-vm", url);
        if (settings.acceptor() != null) {
            // No authentication on it yet (security is disabled above; a later issue adds users): hence loopback by default.
            config.addAcceptorConfiguration("tcp", settings.acceptor());
            if (!settings.acceptorOnLoopback()) {
                LOG.warn("Broker TCP acceptor {} is not on loopback and has no authentication: anyone who reaches it can send requests",
                        settings.acceptor());
            }
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
        server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        LOG.info("Embedded Artemis started at {}{} with journal {}", url,
                settings.acceptor() == null ? "" : " and " + settings.acceptor(), dir);
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
