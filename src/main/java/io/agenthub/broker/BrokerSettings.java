package io.agenthub.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the embedded broker is set up.
 *
 * @param journalDir           persistent NIO journal (bindings, paging and large messages live beside it)
 * @param deadLetterAddress    where messages go after {@code maxDeliveryAttempts} failed deliveries;
 *                             without one Artemis would delete them, which the hub must never do
 * @param expiryAddress        where messages whose time-to-live ran out go, rather than vanish
 * @param maxDeliveryAttempts  deliveries before a message is dead-lettered
 * @param redeliveryDelayMs    pause before a rolled-back message is offered again
 * @param acceptor             an optional TCP acceptor, {@code tcp://HOST:PORT}, so clients outside the hub's
 *                             process can reach its queues; null or blank: in-VM only. It has no authentication
 *                             yet (a later issue adds it), so keep it on loopback
 */
public record BrokerSettings(Path journalDir, String deadLetterAddress, String expiryAddress, int maxDeliveryAttempts,
                             long redeliveryDelayMs, String acceptor) {

    public BrokerSettings {
        acceptor = acceptor == null || acceptor.isBlank() ? null : acceptor.strip();
        if (acceptor != null) {
            acceptorUri(acceptor);
        }
    }

    /** In-VM only. */
    public BrokerSettings(Path journalDir, String deadLetterAddress, String expiryAddress, int maxDeliveryAttempts,
                          long redeliveryDelayMs) {
        this(journalDir, deadLetterAddress, expiryAddress, maxDeliveryAttempts, redeliveryDelayMs, null);
    }

    /** Whether the TCP acceptor, if any, listens on a loopback address only. */
    public boolean acceptorOnLoopback() {
        if (acceptor == null) {
            return true;
        }
        String host = acceptorUri(acceptor).getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /**
     * A fixed port is required: Artemis does not report the port it picked for 0, so no client could
     * find it.
     */
    private static URI acceptorUri(String acceptor) {
        URI uri;
        try {
            uri = new URI(acceptor);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hub.broker.acceptor is not a URI: " + acceptor, e);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("hub.broker.acceptor must look like tcp://127.0.0.1:61616 (a host and a port from 1 to 65535): "
                    + acceptor);
        }
        return uri;
    }
}
