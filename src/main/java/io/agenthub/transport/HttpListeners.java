package io.agenthub.transport;

import io.agenthub.config.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Camel's HTTP servers as the hub runs them: the main one (the front door, {@code camel.server.*}) and the
 * management one ({@code /observe}, {@code camel.management.*}), which Camel folds into the main one when both
 * have the same port. With {@code hub.http.tls.keystore} set both speak only HTTPS; bound beyond loopback without
 * TLS, the hub warns. Once they listen, one line says where, with the port actually bound (0 picks a free one).
 *
 * <p>Camel 4.17 creates the servers from {@code camel.server.*} before the hub's configuration runs and starts them
 * after it, so TLS goes in through their public {@code setSslContextParameters}, read when they start listening.
 * Camel's own global TLS ({@code camel.ssl.*} with {@code camel.server.useGlobalSslContextParameters=true}) is
 * recognised too.
 */
public final class HttpListeners implements StartupListener {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListeners.class);

    private final MainHttpServer main;
    private final ManagementHttpServer management;
    private final boolean tls;

    private HttpListeners(MainHttpServer main, ManagementHttpServer management, boolean tls) {
        this.main = main;
        this.management = management;
        this.tls = tls;
    }

    /** Puts {@code hub.http.tls.*} on the servers and warns about clear text off loopback; log once they listen. */
    public static HttpListeners configure(CamelContext context, HubSettings settings) {
        MainHttpServer main = context.hasService(MainHttpServer.class);
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        Optional<HttpTls> configured = HttpTls.from(settings);
        if (configured.isPresent()) {
            if (main == null && management == null) {
                throw new IllegalArgumentException("hub.http.tls.keystore is set but no HTTP server is enabled (camel.server.enabled)");
            }
            SSLContextParameters parameters = configured.get().parameters(context);
            if (main != null) {
                main.setSslContextParameters(parameters);
            }
            if (management != null) {
                management.setSslContextParameters(parameters);
            }
        }
        boolean tls = configured.isPresent() || camelTls(context, main);
        if (!tls) {
            if (main != null) {
                warnIfBeyondLoopback(main.getHost(), "camel.server.host");
            }
            // Camel folds /observe into the main server when the ports are equal, but not for port 0 (two free ports)
            if (management != null && (main == null || management.getPort() != main.getPort() || main.getPort() == 0)) {
                warnIfBeyondLoopback(management.getHost(), "camel.management.host");
            }
        }
        return new HttpListeners(main, management, tls);
    }

    /** Whether this hub speaks HTTPS. */
    public boolean tls() {
        return tls;
    }

    private static boolean camelTls(CamelContext context, MainHttpServer main) {
        return main != null && (main.getSslContextParameters() != null
                || main.isUseGlobalSslContextParameters() && context.getSSLContextParameters() != null);
    }

    private static void warnIfBeyondLoopback(String host, String setting) {
        if (onLoopback(host)) {
            return;
        }
        LOG.warn("The HTTP server listens on {} ({}) without TLS: requests, answers and credentials cross the network in"
                + " clear text. Set hub.http.tls.keystore (docs/security.md), or keep it on 127.0.0.1 behind a proxy that"
                + " terminates TLS.", host, setting);
    }

    /** Whether {@code host} names only this machine's loopback interface (0.0.0.0 and :: are every interface). */
    static boolean onLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            return InetAddress.getByName(host.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;  // the server will not bind it either; say nothing more than that failure will
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        if (main == null) {
            return;
        }
        String frontDoor = address(main.getRouter(), main.getHost(), main.getPort());
        String observe = management == null ? null : address(management.getRouter(), management.getHost(), management.getPort());
        String health = management == null ? "off" : (frontDoor.equals(observe) ? "" : observe) + management.getHealthPath();
        LOG.info("Agent Hub listening on {} (front door /api/v1, health {})", frontDoor, health);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the servers listen once the context has fully started
    }

    /** scheme://host:port with the port the server actually bound. */
    private String address(VertxPlatformHttpRouter router, String host, int configuredPort) {
        int port = router != null && router.getServer() != null ? router.getServer().getPort() : configuredPort;
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "https" : "http") + "://" + shown + ":" + port;
    }
}
