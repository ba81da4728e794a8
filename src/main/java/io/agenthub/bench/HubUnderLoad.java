package io.agenthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import io.agenthub.config.HubSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hub started in this process (embedded broker, database and sandbox, as {@code run} starts it, plus any
 * settings given) and a closed-loop load generator on its {@code POST /api/v1/requests}.
 *
 * <p>The clients are one Vert.x event loop on keep-alive connections: a load generator that costs little
 * CPU, so the two cores measured are the hub's. (A thread per client on the JDK's HttpClient took a tenth
 * of the machine.)
 */
final class HubUnderLoad implements AutoCloseable {

    /** One closed-loop run: each request's latency, the failures, and which tier answered how many. */
    record Drive(long[] nanos, int failures, Map<String, Integer> answeredByTier, double seconds) {
        double requestsPerSecond() {
            return nanos.length / seconds;
        }
    }

    /** How long the warm-up ran, and the share of its last round the JIT compiler spent compiling. */
    record WarmUp(int requests, double seconds, double lastRoundJitShare) {
    }

    /** Warm-up stops once the JIT compiles for less than this share of a round's wall time. */
    static final double QUIET_JIT = 0.05;
    static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private static final String[] SUBJECTS = {"C-1001", "C-1002", "C-1003", "C-1004", "C-1005"};

    private final ObjectMapper json = new ObjectMapper();
    private final Main hub;
    private final Vertx clientLoop;
    private final HttpClient http;
    private final RequestOptions target;
    private final int port;
    private final Path dataDir;

    HubUnderLoad(int clients, Map<String, String> settings) throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        dataDir = Files.createTempDirectory("agent-hub-bench");
        hub = HubLauncher.create(new HubOptions(port, dataDir, null, null, false, false));
        // The load comes over HTTP; a second hub in the JVM (a comparison) must not meet the first on the broker's port.
        hub.addOverrideProperty("hub.broker.acceptor", "");
        settings.forEach(hub::addOverrideProperty);
        hub.start();
        clientLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        http = clientLoop.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(clients));
        target = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                .setURI("/api/v1/requests").putHeader("Content-Type", "application/json").setIdleTimeout(60_000)
                .putHeader("Authorization", "Bearer " + EmbeddedIssuer.of(HubSettings.offline(null, dataDir)).issue("bench", Role.CHANNEL, List.of("demo-bank"),
                        Duration.ofHours(24)));
    }

    CamelContext camel() {
        return hub.getCamelContext();
    }

    /** The hub's HTTP port on 127.0.0.1. */
    int port() {
        return port;
    }

    /** Rounds of load until the JIT compiler is nearly idle, or the time is up; at least one round. */
    WarmUp warmUp(List<String> texts, int clients, int round, int maxSeconds) throws InterruptedException {
        long started = System.nanoTime();
        int done = 0;
        double jitShare;
        do {
            long compiledBefore = JIT.getTotalCompilationTime();
            long roundStarted = System.nanoTime();
            drive(texts, clients, round);
            done += round;
            jitShare = (JIT.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - roundStarted) / 1e6);
        } while (jitShare > QUIET_JIT && System.nanoTime() - started < maxSeconds * 1_000_000_000L);
        return new WarmUp(done, (System.nanoTime() - started) / 1e9, jitShare);
    }

    /** A closed loop: each client sends its next request when the answer to its last one has arrived. */
    Drive drive(List<String> texts, int clients, int total) throws InterruptedException {
        Loop loop = new Loop(texts, total, new CountDownLatch(clients));
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            sendNext(loop);
        }
        loop.finished().await();
        return new Drive(loop.nanos(), loop.failures().get(), Map.copyOf(loop.answeredByTier()),
                (System.nanoTime() - started) / 1e9);
    }

    private record Loop(List<String> texts, int total, CountDownLatch finished, long[] nanos, AtomicInteger next,
                        AtomicInteger failures, Map<String, Integer> answeredByTier) {
        Loop(List<String> texts, int total, CountDownLatch finished) {
            this(texts, total, finished, new long[total], new AtomicInteger(), new AtomicInteger(), new ConcurrentHashMap<>());
        }
    }

    private void sendNext(Loop loop) {
        int i = loop.next().getAndIncrement();
        if (i >= loop.total()) {
            loop.finished().countDown();
            return;
        }
        Buffer body = Buffer.buffer(json.createObjectNode().put("tenant", "demo-bank").put("channel", "app")
                .put("subjectId", SUBJECTS[i % SUBJECTS.length]).put("text", loop.texts().get(i % loop.texts().size()))
                .toString());
        long t = System.nanoTime();
        http.request(target)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(reply -> response.statusCode() == 200 ? reply : null))
                .onComplete(answer -> {
                    loop.nanos()[i] = System.nanoTime() - t;
                    if (answer.failed() || answer.result() == null) {
                        loop.failures().incrementAndGet();
                    } else {
                        loop.answeredByTier().merge(tierOf(answer.result()), 1, Integer::sum);
                    }
                    sendNext(loop);
                });
    }

    private String tierOf(Buffer reply) {
        try {
            JsonNode answer = json.readTree(reply.getBytes());
            return answer.path("escalated").asBoolean() ? "(escalated)" : answer.path("tier").asText();
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    @Override
    public void close() throws Exception {
        try {
            clientLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } finally {
            hub.stop();
            // A hub's data directory holds a broker journal of tens of megabytes: not left behind by every run.
            org.apache.camel.util.FileUtil.removeDir(dataDir.toFile());
        }
    }
}
