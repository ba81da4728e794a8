package io.agenthub.frontdoor;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.netty.channel.ChannelPipeline;

import java.util.concurrent.TimeUnit;

/**
 * How long the HTTP server waits for a client, so that a slow or silent one cannot hold connections open
 * (a slowloris sends a header a byte at a time and is never done). Each phase of a request has its own limit:
 *
 * @param idleMillis   a connection waiting for a request (kept alive, or just opened) and silent that long is closed
 * @param headerMillis from a request's first byte to the end of its headers
 * @param bodyMillis   from the end of the headers to the end of the body; also for the client to take the answer
 */
public record HttpServerLimits(long idleMillis, long headerMillis, long bodyMillis) {

    public HttpServerLimits {
        if (idleMillis < 1 || headerMillis < 1 || bodyMillis < 1) {
            throw new IllegalArgumentException("HTTP server timeouts must be at least 1 ms");
        }
    }

    /**
     * The server's options with these limits. HTTP/2 over clear text is turned off: the deadlines follow
     * HTTP/1.1 requests, and behind a TLS-terminating proxy the hub is spoken to in HTTP/1.1 anyway.
     */
    HttpServerOptions apply(HttpServerOptions options) {
        return new HttpServerOptions(options)
                .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idleMillis))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setHttp2ClearTextEnabled(false);
    }

    /** Puts the deadlines on a new connection, around the server's HTTP/1.1 decoder, and refuses other versions. */
    void watch(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        if (pipeline.get("httpDecoder") == null || pipeline.get("handler") == null) {
            return;
        }
        RequestDeadlines deadlines = new RequestDeadlines(headerMillis, bodyMillis);
        pipeline.addBefore("httpDecoder", "hubRequestBytes", deadlines.bytesSide());
        pipeline.addBefore("handler", "hubRequestDeadlines", deadlines.requestSide());
        pipeline.addBefore("hubRequestDeadlines", "hubHttpVersion", HttpVersionGate.INSTANCE);
    }
}
