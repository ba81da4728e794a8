package io.agenthub.broker;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded broker's network acceptor, so that an ESB outside the hub's process reaches its queues: one port
 * speaking every protocol listed (Artemis core and AMQP 1.0 by default), over TLS when a key store is given.
 *
 * @param url              {@code tcp://HOST:PORT}; a fixed port, as Artemis does not report the one it picks for 0
 * @param protocols        the protocols spoken on the port: {@code CORE}, {@code AMQP}
 * @param keyStore         the server's key store (its certificate and private key); null: no TLS
 * @param keyStorePassword the key store's password, given by reference ({@code {{env:...}}}), never logged
 * @param keyStoreType     {@code PKCS12} or {@code JKS}
 */
public record NetworkAcceptor(String url, List<String> protocols, Path keyStore, String keyStorePassword, String keyStoreType) {

    static final Set<String> KNOWN_PROTOCOLS = Set.of("CORE", "AMQP");

    public NetworkAcceptor {
        uri(url);
        protocols = protocols.stream().map(p -> p.strip().toUpperCase(Locale.ROOT)).filter(p -> !p.isEmpty()).toList();
        if (protocols.isEmpty() || !KNOWN_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("hub.broker.acceptor-protocols must list CORE and/or AMQP, got " + protocols);
        }
        if (keyStore != null && (keyStorePassword == null || keyStorePassword.isEmpty())) {
            throw new IllegalArgumentException("hub.broker.tls.key-store is set but hub.broker.tls.key-store-password is not");
        }
        keyStoreType = keyStoreType == null || keyStoreType.isBlank() ? "PKCS12" : keyStoreType.strip();
    }

    /** Plain TCP, core and AMQP. */
    public static NetworkAcceptor plain(String url) {
        return new NetworkAcceptor(url, List.of("CORE", "AMQP"), null, null, null);
    }

    public boolean tls() {
        return keyStore != null;
    }

    /** Whether the acceptor listens on a loopback address only. */
    public boolean onLoopback() {
        String host = uri(url).getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    public int port() {
        return uri(url).getPort();
    }

    /** How the log names it: address, protocols and TLS, never the key store's password. */
    public String describe() {
        return url + " (" + String.join(", ", protocols) + (tls() ? ", TLS" : ", no TLS") + ")";
    }

    /** The acceptor as Artemis configures it; built from parameters, so a password never sits in a logged URL. */
    TransportConfiguration transport() {
        URI uri = uri(url);
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, uri.getHost().replaceAll("^\\[|]$", ""));
        params.put(TransportConstants.PORT_PROP_NAME, uri.getPort());
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, String.join(",", protocols));
        if (tls()) {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStore.toAbsolutePath().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, keyStorePassword);
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, keyStoreType);
        }
        return new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, "network");
    }

    private static URI uri(String acceptor) {
        URI uri;
        try {
            uri = new URI(acceptor == null ? "" : acceptor.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("hub.broker.acceptor is not a URI: " + acceptor, e);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                || (uri.getPath() != null && !uri.getPath().isEmpty()) || uri.getQuery() != null) {
            throw new IllegalArgumentException("hub.broker.acceptor must look like tcp://127.0.0.1:61616 (a host and a port from 1"
                    + " to 65535; protocols and TLS have settings of their own): " + acceptor);
        }
        return uri;
    }
}
