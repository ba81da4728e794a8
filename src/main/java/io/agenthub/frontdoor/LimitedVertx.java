package io.agenthub.frontdoor;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The Vert.x instance the hub hands to Camel's HTTP server, with {@link HttpServerLimits} on every HTTP server
 * it creates. Camel 4.17's platform-http server builds its {@link HttpServerOptions} itself and offers no
 * setting for timeouts ({@code camel.server.*} has none), but it takes the Vert.x instance from the registry;
 * so the limits go in where the server is created, before it listens. Everything else passes straight through.
 */
public final class LimitedVertx implements InvocationHandler {

    private final VertxInternal vertx;
    private final HttpServerLimits limits;

    private LimitedVertx(VertxInternal vertx, HttpServerLimits limits) {
        this.vertx = vertx;
        this.limits = limits;
    }

    public static Vertx wrap(Vertx vertx, HttpServerLimits limits) {
        return (Vertx) Proxy.newProxyInstance(LimitedVertx.class.getClassLoader(), new Class<?>[] {VertxInternal.class},
                new LimitedVertx((VertxInternal) vertx, limits));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("createHttpServer")) {
            HttpServerOptions options = args != null && args.length == 1 && args[0] instanceof HttpServerOptions given
                    ? given : new HttpServerOptions();
            HttpServer server = vertx.createHttpServer(limits.apply(options));
            server.connectionHandler(limits::watch);
            return server;
        }
        if (method.getName().equals("equals") && args != null && args.length == 1) {
            return proxy == args[0] || vertx.equals(args[0]);
        }
        try {
            return method.invoke(vertx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
