package io.agenthub.app;

import io.agenthub.broker.BrokerLogins;
import io.agenthub.broker.BrokerSettings;
import io.agenthub.broker.EmbeddedBroker;
import io.agenthub.broker.NetworkAcceptor;
import io.agenthub.config.HubSettings;
import io.agenthub.deadletters.DeadLetterQueues;
import io.agenthub.frontdoor.JmsCallers;
import io.agenthub.health.BrokerHealthCheck;
import io.agenthub.tenants.Tenant;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.health.HealthCheckRegistry;
import org.springframework.jms.connection.CachingConnectionFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The message broker (embedded, or external at {@code hub.broker.url}), the {@code jms} component on it, and its
 * beans: {@code jmsCallers} ({@link JmsCallers}, who sent a JMS request) and {@code deadLetterQueues}
 * ({@link DeadLetterQueues}, the hub's and the broker's dead letters, with their depth as a metric).
 */
final class BrokerBeans {

    /** How long the broker takes a client's verified token on trust: an expired one is refused within this time. */
    private static final Duration BROKER_TOKEN_RECHECK = Duration.ofSeconds(10);

    private BrokerBeans() {
    }

    static void bind(Wiring hub, AccessBeans.Access access) throws Exception {
        HubSettings settings = hub.settings();
        String brokerUrl = settings.text("hub.broker.url", "embedded");
        String brokerDeadLetters = settings.text("hub.broker.dead-letter-address", "DLQ");
        String requestQueue = settings.text("hub.jms.request-queue", "hub.requests");
        String user = settings.text("hub.broker.user", null);
        String password = settings.text("hub.broker.password", null);
        List<String> tenantIds = hub.tenants().all().stream().map(Tenant::id).toList();
        DeadLetterQueues.QueueDepth depth = null;
        boolean embedded = "embedded".equals(brokerUrl);
        if (embedded) {
            Path dataDir = settings.dataDir();
            EmbeddedBroker broker = hub.start(new EmbeddedBroker(new BrokerSettings(dataDir.resolve("broker"),
                    brokerDeadLetters,
                    settings.text("hub.broker.expiry-address", "ExpiryQueue"),
                    settings.integer("hub.broker.max-delivery-attempts", 5),
                    settings.integer("hub.broker.redelivery-delay-ms", 1000),
                    networkAcceptor(settings), requestQueue, tenantIds),
                    new BrokerLogins(access.bearerTokens(), BROKER_TOKEN_RECHECK)));
            brokerUrl = broker.url();
            user = broker.internalUser();
            password = broker.internalPassword();
            depth = broker::messageCount;
        }
        hub.bind("jmsCallers", new JmsCallers(access.bearerTokens(), access.internalTokens(), embedded, access.audit()));
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(brokerUrl, user, password);
        HealthCheckRegistry.get(hub.context()).register(new BrokerHealthCheck(broker));
        CachingConnectionFactory connections = new CachingConnectionFactory(broker);
        // Consumers keep their own sessions; caching them would defeat the listener container's recovery.
        connections.setCacheConsumers(false);
        connections.setSessionCacheSize(settings.integer("hub.broker.session-cache-size", 10));
        hub.closeOnStop(connections::destroy);
        hub.context().addComponent("jms", JmsComponent.jmsComponent(connections));
        DeadLetterQueues deadLetters = new DeadLetterQueues(broker, settings.text("hub.jms.dead-letter-queue", "hub.dead-letter"),
                brokerDeadLetters, requestQueue, hub.json(), depth, access.internalTokens(),
                tenantIds.stream().collect(Collectors.toSet()));
        hub.bind("deadLetterQueues", deadLetters);
        registerDeadLetterDepth(hub.meters(), deadLetters);
    }

    /** The embedded broker's network acceptor (hub.broker.acceptor and its TLS settings); null when none is set. */
    private static NetworkAcceptor networkAcceptor(HubSettings settings) {
        String url = settings.text("hub.broker.acceptor", "");
        if (url.isBlank()) {
            return null;
        }
        String keyStore = settings.text("hub.broker.tls.key-store", "");
        return new NetworkAcceptor(url.strip(), List.of(settings.text("hub.broker.acceptor-protocols", "CORE,AMQP").split(",")),
                keyStore.isBlank() ? null : Path.of(keyStore), settings.text("hub.broker.tls.key-store-password", null),
                settings.text("hub.broker.tls.key-store-type", "PKCS12"));
    }

    /** {@code hub_dead_letters{source=hub|broker}}: letters waiting for an operator; alert on their sum. */
    private static void registerDeadLetterDepth(MeterRegistry registry, DeadLetterQueues deadLetters) {
        for (String source : List.of(DeadLetterQueues.HUB, DeadLetterQueues.BROKER)) {
            Gauge.builder("hub.dead.letters", deadLetters, letters -> letters.depth(source))
                    .description("Dead letters waiting to be replayed or purged (agent-hub dead-letters)")
                    .tag("source", source)
                    .register(registry);
        }
    }
}
