package io.agenthub.broker;

import java.nio.file.Path;
import java.util.List;

/**
 * How the embedded broker is set up.
 *
 * @param journalDir           persistent NIO journal (bindings, paging and large messages live beside it)
 * @param deadLetterAddress    where messages go after {@code maxDeliveryAttempts} failed deliveries;
 *                             without one Artemis would delete them, which the hub must never do
 * @param expiryAddress        where messages whose time-to-live ran out go, rather than vanish
 * @param maxDeliveryAttempts  deliveries before a message is dead-lettered
 * @param redeliveryDelayMs    pause before a rolled-back message is offered again
 * @param acceptor             the network acceptor through which clients outside the hub's process reach the
 *                             broker, or null: in-VM only
 * @param requestQueue         the front door's queue, the one address a channel may send to
 * @param tenants              the tenants served: each has durable reply queues of its own under
 *                             {@code hub.replies.<tenant>.}
 */
public record BrokerSettings(Path journalDir, String deadLetterAddress, String expiryAddress, int maxDeliveryAttempts,
                             long redeliveryDelayMs, NetworkAcceptor acceptor, String requestQueue, List<String> tenants) {

    public BrokerSettings {
        tenants = List.copyOf(tenants);
    }

    /** In-VM only, for the demo tenant. */
    public BrokerSettings(Path journalDir, String deadLetterAddress, String expiryAddress, int maxDeliveryAttempts,
                          long redeliveryDelayMs) {
        this(journalDir, deadLetterAddress, expiryAddress, maxDeliveryAttempts, redeliveryDelayMs, null, "hub.requests",
                List.of("demo-bank"));
    }

    /** With a plain (core and AMQP, no TLS) acceptor at {@code acceptor}, for the demo tenant. */
    public BrokerSettings withAcceptor(NetworkAcceptor acceptor) {
        return new BrokerSettings(journalDir, deadLetterAddress, expiryAddress, maxDeliveryAttempts, redeliveryDelayMs, acceptor,
                requestQueue, tenants);
    }
}
