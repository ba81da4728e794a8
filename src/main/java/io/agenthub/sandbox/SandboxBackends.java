package io.agenthub.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The demo-mode core-banking and insurance back-ends, served from seeded state on one HTTP server with its
 * own Vert.x instance, so the hub can run end to end without a real bank. The state is in memory, and with a
 * state directory also journaled there ({@link SandboxJournal}) and replayed over the seed on the next start.
 */
public final class SandboxBackends implements AutoCloseable {

    /** Real APIs cap request bodies; a cap also keeps a misbehaving client from filling the heap. */
    static final long MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(SandboxBackends.class);
    private static final long START_STOP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final String host;
    private final SandboxFaults faults;
    private final SandboxActions actions;
    private final SandboxJournal journal;
    private boolean closed;

    private SandboxBackends(Vertx vertx, HttpServer server, String host, SandboxFaults faults, SandboxActions actions,
                            SandboxJournal journal) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
        this.faults = faults;
        this.actions = actions;
        this.journal = journal;
    }

    /** Starts both sandboxes on {@code host:port} (port 0 picks a free port) and blocks until listening. */
    public static SandboxBackends start(String host, int port, SandboxSeed seed) {
        return start(host, port, seed, Clock.systemUTC());
    }

    /** As {@link #start(String, int, SandboxSeed)}, with the clock that stamps payments, claims and balances. */
    public static SandboxBackends start(String host, int port, SandboxSeed seed, Clock clock) {
        return start(host, port, seed, clock, null);
    }

    /**
     * Starts both sandboxes on {@code host:port} (port 0 picks a free port) and blocks until listening.
     *
     * @param stateDir where the state is journaled and, on start, replayed from (made if missing); null keeps it
     *                 in memory only, starting afresh from the seed
     */
    public static SandboxBackends start(String host, int port, SandboxSeed seed, Clock clock, Path stateDir) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        SandboxJournal journal = stateDir == null ? null : SandboxJournal.open(stateDir, seed.digest());
        Vertx vertx = null;
        try {
            SandboxFaults faults = new SandboxFaults();
            SandboxActions actions = new SandboxActions();
            IdempotencyStore writes = new IdempotencyStore(actions, new SandboxClock(clock));
            vertx = Vertx.vertx(new VertxOptions()
                    .setEventLoopPoolSize(1)
                    .setWorkerPoolSize(1)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
            Router router = router(vertx, seed, writes, faults, actions);
            if (journal != null) {
                int replayed = writes.replay(journal);
                LOG.info("Sandbox state kept in {}; writes replayed over the seed: {}", stateDir, replayed);
            }
            HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router)
                    .listen());
            SandboxBackends backends = new SandboxBackends(vertx, server, host, faults, actions, journal);
            LOG.info("Sandbox back-ends listening on {} (core banking at {}, insurance at {})",
                    backends.baseUrl(), backends.coreBankingUrl(), backends.insuranceUrl());
            return backends;
        } catch (RuntimeException e) {
            if (vertx != null) {
                closeQuietly(vertx);
            }
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
    }

    static Router router(Vertx vertx, SandboxSeed seed, IdempotencyStore writes, SandboxFaults faults,
                         SandboxActions actions) {
        Router bank = Router.router(vertx);
        new CoreBankingSandbox(new CoreBankingStore(seed.coreBanking(), writes.clock()), writes).mount(bank);
        Router insurance = Router.router(vertx);
        new InsuranceSandbox(new InsuranceStore(seed.insurance(), writes.clock()), writes).mount(insurance);
        Router admin = Router.router(vertx);
        new SandboxAdmin(actions, faults).mount(admin);

        Router root = Router.router(vertx);
        root.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        // Before the fault handler: a fault armed on "/" must not cut the test off from the admin API.
        root.route(SandboxAdmin.MOUNT_PATH + "/*").subRouter(admin);
        root.route().handler(new FaultInjectionHandler(vertx, faults));
        root.route(CoreBankingSandbox.MOUNT_PATH + "/*").subRouter(bank);
        root.route(InsuranceSandbox.MOUNT_PATH + "/*").subRouter(insurance);
        root.route().failureHandler(HttpReplies::onFailure);
        for (int status : new int[] {400, 404, 405, 413, 415, 500}) {
            root.errorHandler(status, HttpReplies.statusProblem(status));
        }
        return root;
    }

    public int port() {
        return server.actualPort();
    }

    /** For example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public String baseUrl() {
        String urlHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + urlHost + ":" + port();
    }

    public String coreBankingUrl() {
        return baseUrl() + CoreBankingSandbox.MOUNT_PATH;
    }

    public String insuranceUrl() {
        return baseUrl() + InsuranceSandbox.MOUNT_PATH;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** The journal file the state is kept in, or empty when it is in memory only. */
    public Optional<Path> stateFile() {
        return Optional.ofNullable(journal).map(SandboxJournal::file);
    }

    /** The writes this sandbox applied, also served at {@code GET /sandbox/actions}. */
    public SandboxActions actions() {
        return actions;
    }

    /** Stops the server and its Vert.x instance and blocks until both are down; calling it again does nothing. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            await(server.close());
        } finally {
            closeQuietly(vertx);
            if (journal != null) {
                journal.close();
            }
            LOG.info("Sandbox back-ends stopped");
        }
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            LOG.warn("Sandbox Vert.x instance did not stop cleanly: {}", e.getMessage());
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the sandbox server", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Sandbox server operation failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Sandbox server did not respond within " + START_STOP_TIMEOUT_SECONDS + "s", e);
        }
    }
}
