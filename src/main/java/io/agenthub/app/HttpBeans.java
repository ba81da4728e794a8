package io.agenthub.app;

import io.agenthub.config.BuildInfo;
import io.agenthub.config.HubSettings;
import io.agenthub.frontdoor.HttpHeaderPolicy;
import io.agenthub.frontdoor.HttpServerLimits;
import io.agenthub.frontdoor.LimitedVertx;
import io.agenthub.transport.HttpListeners;
import io.agenthub.transport.ObserveExposure;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * The HTTP servers' beans: {@code hubVertx} (the Vert.x instance, with the hub's connection limits),
 * {@code hubHttpHeaders} (what crosses the server's boundary, platform-http's default in application.properties)
 * and {@code connectorHttpHeaders} (the connectors' boundary); TLS, and the {@code /observe} info and health pages.
 */
final class HttpBeans {

    private HttpBeans() {
    }

    static void bind(Wiring hub) throws Exception {
        HubSettings settings = hub.settings();
        ensurePortIsFree(settings.text("camel.server.host", "127.0.0.1"), settings.integer("camel.server.port", 8080));
        // TLS on the HTTP servers (hub.http.tls.*) before they start; where they listen is logged once they do.
        hub.context().addStartupListener(HttpListeners.configure(hub.context(), settings));
        // The HTTP server runs each route on a Vert.x worker thread, which waits while the request's text is
        // encoded. The pool bounds how many requests are inside the routes at once, and so how large the
        // encoders' micro-batches can grow; Vert.x's default of 20 leaves the encoders short of company.
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.atLeast("hub.http.worker-threads", 64, 1)));
        // Camel's HTTP server takes this instance from the registry and leaves closing it to the hub: once the
        // context has stopped, so after the server and its connections.
        hub.context().getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    vertx.close();
                }
            }
        });
        hub.bind("hubVertx", LimitedVertx.wrap(vertx, new HttpServerLimits(settings.atLeast("hub.http.idle-timeout-ms", 30_000, 1),
                settings.atLeast("hub.http.header-timeout-ms", 10_000, 1), settings.atLeast("hub.http.body-timeout-ms", 30_000, 1))));
        // What crosses the HTTP boundaries: platform-http takes hubHttpHeaders as its component default
        // (application.properties), the connectors name connectorHttpHeaders on their endpoint.
        hub.bind("hubHttpHeaders", HttpHeaderPolicy.server());
        hub.bind("connectorHttpHeaders", HttpHeaderPolicy.connectors());
        hub.context().addStartupListener(new ObserveExposure(hub.json(),
                new ObserveExposure.HubInfo(hub.context().getName(), BuildInfo.version())));
    }

    /**
     * The HTTP server binds on an event-loop thread and a failure there does not stop Camel, so a hub
     * whose port is taken would run deaf. Fail at start instead, with a message that says why.
     */
    private static void ensurePortIsFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            // bound and released: the port is free
        } catch (IOException e) {
            throw new IllegalStateException("HTTP port " + port + " on " + host + " is already in use; choose another with --port");
        }
    }
}
