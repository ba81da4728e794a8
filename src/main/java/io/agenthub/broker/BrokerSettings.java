package io.agenthub.broker;

import java.nio.file.Path;

/**
 * How the embedded broker is set up.
 *
 * @param journalDir           persistent NIO journal (bindings, paging and large messages live beside it)
 * @param deadLetterAddress    where messages go after {@code maxDeliveryAttempts} failed deliveries;
 *                             without one Artemis would delete them, which the hub must never do
 * @param expiryAddress        where messages whose time-to-live ran out go, rather than vanish
 * @param maxDeliveryAttempts  deliveries before a message is dead-lettered
 * @param redeliveryDelayMs    pause before a rolled-back message is offered again
 */
public record BrokerSettings(Path journalDir, String deadLetterAddress, String expiryAddress, int maxDeliveryAttempts, long redeliveryDelayMs) {
}
