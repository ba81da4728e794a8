package io.agenthub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.config.HubSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Whether one tenant's flood slows another (compliance/tenants.yaml limits): a hub started in this process, as
 * {@code run} starts it, with the shipped tenants; tenant B sends a steady stream at a fixed rate (open loop: each
 * request leaves on its schedule, whatever the answers before it, so a slow hub cannot hide its slowness by being
 * asked less), alone, then while many clients flood tenant A in a closed loop, each sending its next request the
 * moment it has an answer, 429 or not, as a hostile or broken client does. Rounds alternate, after a warm-up until
 * the JIT compiler is nearly idle, so neither side is charged the compiler's work.
 *
 * <p>Every request carries a bearer token from the hub's embedded issuer (one subject per client), as the front
 * door will require; the two client sides run on event loops of their own, so A's flood of answers does not delay
 * the clock B's latencies are read on.
 */
public final class TenantFloodBenchmark {

    static final String TENANT_A = "demo-bank";
    static final String TENANT_B = "demo-insurer";
    private static final String[] SUBJECTS = {"C-1001", "C-1002", "C-1003", "C-1004", "C-1005"};
    /** The flood runs this long before B's measured window opens, so B meets it at full strength. */
    private static final Duration FLOOD_LEAD = Duration.ofSeconds(2);

    /** One measured phase: B's latencies and answers, and A's answers meanwhile. */
    public record Phase(boolean flooded, long[] bNanos, int bRefused, int bFailed, int aServed, int aRefused, int aFailed,
                        double seconds, double floodSeconds) {
    }

    /** Each condition over all its rounds. */
    public record Side(String name, LatencyStats b, int bRefused, int bFailed, int aServed, int aRefused, int aFailed,
                       double seconds, double floodSeconds) {
    }

    public record Result(Side alone, Side flooded, double p99Ratio, double p50Ratio) {
    }

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public TenantFloodBenchmark(PrintStream out) {
        this.out = out;
    }

    public Result run(List<String> texts, int floodClients, int rate, int seconds, int rounds, int warmupSeconds) throws Exception {
        try (HubUnderLoad hub = new HubUnderLoad(1, Map.of());
             Clients floodSide = new Clients(hub.port(), floodClients);
             Clients steadySide = new Clients(hub.port(), 64)) {
            HubSettings settings = new HubSettings(hub.camel().getPropertiesComponent());
            EmbeddedIssuer issuer = EmbeddedIssuer.of(settings);
            List<String> floodTokens = IntStream.rangeClosed(1, floodClients)
                    .mapToObj(i -> issuer.issue("bench-flood-" + i, Role.CHANNEL, List.of(TENANT_A), Duration.ofHours(1))).toList();
            String steadyToken = issuer.issue("bench-steady", Role.CHANNEL, List.of(TENANT_B), Duration.ofHours(1));

            long warmStarted = System.nanoTime();
            double jitShare;
            do {
                long compiledBefore = HubUnderLoad.JIT.getTotalCompilationTime();
                long roundStarted = System.nanoTime();
                phase(floodSide, steadySide, texts, floodTokens, steadyToken, rate, 10, true);
                jitShare = (HubUnderLoad.JIT.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - roundStarted) / 1e6);
            } while (jitShare > HubUnderLoad.QUIET_JIT && System.nanoTime() - warmStarted < warmupSeconds * 1_000_000_000L);
            out.printf("warm-up: %.0f s, until the JIT compiled for %.0f%% of the last round (stops below %.0f%%)%n",
                    (System.nanoTime() - warmStarted) / 1e9, 100 * jitShare, 100 * HubUnderLoad.QUIET_JIT);

            Phase[] alone = new Phase[rounds];
            Phase[] flooded = new Phase[rounds];
            for (int round = 0; round < rounds; round++) {
                alone[round] = phase(floodSide, steadySide, texts, floodTokens, steadyToken, rate, seconds, false);
                flooded[round] = phase(floodSide, steadySide, texts, floodTokens, steadyToken, rate, seconds, true);
                out.printf("round %d: B p99 alone %.1f ms, under A's flood %.1f ms%n", round + 1,
                        LatencyStats.ofNanos(alone[round].bNanos()).p99(), LatencyStats.ofNanos(flooded[round].bNanos()).p99());
            }
            Side aloneSide = side("B alone", alone);
            Side floodedSide = side("B while A floods", flooded);
            Result result = new Result(aloneSide, floodedSide, floodedSide.b().p99() / aloneSide.b().p99(),
                    floodedSide.b().p50() / aloneSide.b().p50());
            print(result, floodClients, rate, seconds, rounds);
            return result;
        }
    }

    /** B at {@code rate} a second for {@code seconds}, with or without A's flood around it. */
    private Phase phase(Clients floodSide, Clients steadySide, List<String> texts, List<String> floodTokens, String steadyToken,
                        int rate, int seconds, boolean flood) throws InterruptedException {
        long floodStarted = System.nanoTime();
        Flood running = flood ? floodSide.flood(texts, floodTokens) : null;
        if (running != null) {
            Thread.sleep(FLOOD_LEAD.toMillis());
        }
        long started = System.nanoTime();
        Steady steady = steadySide.steady(texts, steadyToken, rate, rate * seconds);
        steady.done().await();
        double took = (System.nanoTime() - started) / 1e9;
        if (running != null) {
            running.stop();
        }
        double floodSeconds = running == null ? 0 : (System.nanoTime() - floodStarted) / 1e9;
        return new Phase(flood, steady.nanos(), steady.refused().get(), steady.failed().get(),
                running == null ? 0 : running.served().get(), running == null ? 0 : running.refused().get(),
                running == null ? 0 : running.failed().get(), took, floodSeconds);
    }

    private static Side side(String name, Phase[] phases) {
        long[] nanos = Arrays.stream(phases).flatMapToLong(p -> Arrays.stream(p.bNanos())).toArray();
        return new Side(name, LatencyStats.ofNanos(nanos), Arrays.stream(phases).mapToInt(Phase::bRefused).sum(),
                Arrays.stream(phases).mapToInt(Phase::bFailed).sum(), Arrays.stream(phases).mapToInt(Phase::aServed).sum(),
                Arrays.stream(phases).mapToInt(Phase::aRefused).sum(), Arrays.stream(phases).mapToInt(Phase::aFailed).sum(),
                Arrays.stream(phases).mapToDouble(Phase::seconds).sum(), Arrays.stream(phases).mapToDouble(Phase::floodSeconds).sum());
    }

    private void print(Result r, int floodClients, int rate, int seconds, int rounds) {
        out.printf("%nTenant B (%s) sends %d requests a second; tenant A (%s) is flooded by %d clients that ignore Retry-After;"
                + " %d rounds of %d s each, alternating%n", TENANT_B, rate, TENANT_A, floodClients, rounds, seconds);
        out.printf("%n| %-18s | %10s | %8s | %8s | %6s | %6s | %11s | %9s | %9s |%n", "", "B requests", "B p50 ms", "B p99 ms",
                "B 429", "B fail", "A 200 per s", "A 429", "A 429/s");
        out.printf("|%s|%s|%s|%s|%s|%s|%s|%s|%s|%n", "-".repeat(20), "-".repeat(12), "-".repeat(10), "-".repeat(10),
                "-".repeat(8), "-".repeat(8), "-".repeat(13), "-".repeat(11), "-".repeat(11));
        for (Side side : List.of(r.alone(), r.flooded())) {
            out.printf("| %-18s | %10d | %8.1f | %8.1f | %6d | %6d | %11.1f | %9d | %9.0f |%n", side.name(), side.b().count(),
                    side.b().p50(), side.b().p99(), side.bRefused(), side.bFailed(), perSecond(side.aServed(), side.floodSeconds()),
                    side.aRefused(), perSecond(side.aRefused(), side.floodSeconds()));
        }
        out.printf("%nB p99 while A floods / alone = %.2f (at most 2); p50 %.2f; A answered 429 %d times, B %d times%n",
                r.p99Ratio(), r.p50Ratio(), r.flooded().aRefused(), r.alone().bRefused() + r.flooded().bRefused());
    }

    private static double perSecond(int count, double seconds) {
        return seconds == 0 ? 0 : count / seconds;
    }

    /** Keep-alive HTTP clients on an event loop of their own. */
    private final class Clients implements AutoCloseable {
        private final Vertx loop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        private final HttpClient http;
        private final int port;

        Clients(int port, int connections) {
            this.port = port;
            this.http = loop.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                    new PoolOptions().setHttp1MaxSize(connections));
        }

        /** Sends one request; {@code answered} gets the status (0: no answer) and the latency. */
        void send(String tenant, String text, int subject, String token, Answered answered) {
            RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                    .setURI("/api/v1/requests").putHeader("Content-Type", "application/json")
                    .putHeader("Authorization", "Bearer " + token).setIdleTimeout(60_000);
            Buffer body = Buffer.buffer(json.createObjectNode().put("tenant", tenant).put("channel", "app")
                    .put("subjectId", SUBJECTS[subject % SUBJECTS.length]).put("text", text).toString());
            long t = System.nanoTime();
            http.request(target)
                    .compose(request -> request.send(body))
                    .compose(response -> response.body().map(ignored -> response.statusCode()))
                    .onComplete(status -> answered.answered(status.succeeded() ? status.result() : 0, System.nanoTime() - t));
        }

        /** Closed loop: each client sends again the moment it has an answer, until stopped. */
        Flood flood(List<String> texts, List<String> tokens) {
            Flood flood = new Flood(new AtomicBoolean(), new AtomicInteger(), new AtomicInteger(), new AtomicInteger(),
                    new AtomicInteger(), new CountDownLatch(tokens.size()));
            for (int c = 0; c < tokens.size(); c++) {
                floodNext(flood, texts, tokens.get(c), c);
            }
            return flood;
        }

        private void floodNext(Flood flood, List<String> texts, String token, int client) {
            if (flood.stopping().get()) {
                flood.stopped().countDown();
                return;
            }
            int i = flood.sent().getAndIncrement();
            send(TENANT_A, texts.get(i % texts.size()), client, token, (status, nanos) -> {
                (status == 200 ? flood.served() : status == 429 ? flood.refused() : flood.failed()).incrementAndGet();
                floodNext(flood, texts, token, client);
            });
        }

        /** Open loop: {@code total} requests, one every 1/rate s on the schedule, each timed alone. */
        Steady steady(List<String> texts, String token, int rate, int total) {
            Steady steady = new Steady(new long[total], new AtomicInteger(), new AtomicInteger(), new CountDownLatch(total));
            AtomicInteger next = new AtomicInteger();
            long start = System.nanoTime();
            long periodNanos = 1_000_000_000L / rate;
            loop.setPeriodic(1, timer -> {
                // Sends every request whose time has come, so a late tick does not thin the stream out.
                while (next.get() < total && System.nanoTime() - start >= next.get() * periodNanos) {
                    int i = next.getAndIncrement();
                    send(TENANT_B, texts.get((texts.size() / 2 + i) % texts.size()), i, token, (status, nanos) -> {
                        steady.nanos()[i] = nanos;
                        if (status == 429) {
                            steady.refused().incrementAndGet();
                        } else if (status != 200) {
                            steady.failed().incrementAndGet();
                        }
                        steady.done().countDown();
                    });
                }
                if (next.get() >= total) {
                    loop.cancelTimer(timer);
                }
            });
            return steady;
        }

        @Override
        public void close() throws Exception {
            loop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface Answered {
        void answered(int status, long nanos);
    }

    private record Flood(AtomicBoolean stopping, AtomicInteger sent, AtomicInteger served, AtomicInteger refused,
                         AtomicInteger failed, CountDownLatch stopped) {
        void stop() throws InterruptedException {
            stopping.set(true);
            stopped.await(60, TimeUnit.SECONDS);
        }
    }

    private record Steady(long[] nanos, AtomicInteger refused, AtomicInteger failed, CountDownLatch done) {
    }
}
