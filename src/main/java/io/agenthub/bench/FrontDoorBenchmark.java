package io.agenthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.EncoderPool;
import io.agenthub.slm.Encoder;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.MicroBatcher;
import org.apache.camel.main.Main;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives {@code POST /api/v1/requests} of a hub started in this process (embedded broker, database and
 * sandbox, as {@code run} starts it) from many concurrent clients, then measures the bare batch
 * throughput of the front-door capability's encoders on the same texts in the same run.
 *
 * <p>The cascade runs its first tier's encoders for every request and a later tier's extra encoders
 * only for the requests that reach it, so the fair baseline is that same encoder work done as bare
 * batches: each encoder's batch cost, at the batch size it runs fastest, weighted by the share of
 * requests that needed it in the measured run. The first tier's encoder alone is printed too.
 *
 * <p>A server's throughput is its steady state, so the warm-up runs in rounds until the JIT compiler is
 * nearly idle: a hub this size keeps C2 busy for a minute or more under load, and measuring earlier
 * would charge the compiler's share of the two cores to the front door.
 */
public final class FrontDoorBenchmark {

    public record Result(int clients, int requests, double requestsPerSecond, LatencyStats latency, int failures,
                         WarmUp warmUp, double measuredJitShare, List<EncoderLoad> encoders, double sameWorkBatchPerSecond) {
    }

    /** How long the warm-up ran, and the share of its last round the JIT compiler spent compiling. */
    public record WarmUp(int requests, double seconds, double lastRoundJitShare) {
    }

    /**
     * One encoder: its best bare batch throughput and the batch size that gave it, the share of requests
     * that needed it, and the mean micro-batch it ran in the front door.
     */
    public record EncoderLoad(String encoder, int batchSize, double batchPerSecond, double shareOfRequests,
                              double frontDoorMeanBatch) {
    }

    /** Warm-up stops once the JIT compiles for less than this share of a round's wall time. */
    private static final double QUIET_JIT = 0.05;
    private static final int[] BATCH_SIZES = {16, 32, 64};
    private static final int BARE_SAMPLE = 1000;
    private static final int BARE_REPEATS = 3;
    private static final CompilationMXBean JIT = ManagementFactory.getCompilationMXBean();

    private static final String[] SUBJECTS = {"C-1001", "C-1002", "C-1003", "C-1004", "C-1005"};

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public FrontDoorBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * @param warmupRound   requests per warm-up round; at least one round runs
     * @param warmupSeconds the warm-up stops after this long even if the JIT is still busy
     */
    public Result run(List<String> texts, int clients, int requests, int warmupRound, int warmupSeconds) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("agent-hub-bench");
        Main hub = HubLauncher.create(new HubOptions(port, dataDir, null, null, false, false));
        hub.start();
        // The clients are one Vert.x event loop on keep-alive connections: a load generator that costs
        // little CPU, so the two cores measured are the hub's. (A thread per client on the JDK's HttpClient
        // took a tenth of the machine.)
        Vertx clientLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        HttpClient http = clientLoop.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                .setConnectTimeout(5000), new PoolOptions().setHttp1MaxSize(clients));
        try {
            RequestOptions target = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
                    .setURI("/api/v1/requests").putHeader("Content-Type", "application/json").setIdleTimeout(60_000);
            WarmUp warmUp = warmUp(http, target, texts, clients, warmupRound, warmupSeconds);
            EncoderPool encoders = hub.getCamelContext().getRegistry().lookupByNameAndType("capabilities",
                    CapabilityRegistry.class).encoders();
            Map<String, MicroBatcher.Usage> usageBefore = usage(encoders);
            long compiledBefore = JIT.getTotalCompilationTime();
            long started = System.nanoTime();
            Drive measured = drive(http, target, texts, clients, requests);
            double seconds = (System.nanoTime() - started) / 1e9;
            double measuredJitShare = (JIT.getTotalCompilationTime() - compiledBefore) / (seconds * 1000);

            CapabilityCascade frontDoor = hub.getCamelContext().getRegistry()
                    .lookupByNameAndType("frontDoorIntent", CapabilityCascade.class);
            Map<String, Double> meanBatch = new HashMap<>();
            usage(encoders).forEach((id, after) -> meanBatch.put(id, after.since(usageBefore.getOrDefault(id, new MicroBatcher.Usage(0, 0))).meanBatch()));
            List<EncoderLoad> loads = encoderLoads(frontDoor, measured, texts, meanBatch);
            double secondsPerRequest = loads.stream().mapToDouble(l -> l.shareOfRequests() / l.batchPerSecond()).sum();

            Result result = new Result(clients, requests, requests / seconds, LatencyStats.ofNanos(measured.nanos()),
                    measured.failures(), warmUp, measuredJitShare, loads, 1 / secondsPerRequest);
            print(result);
            return result;
        } finally {
            clientLoop.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            hub.stop();
        }
    }

    private record Drive(long[] nanos, int failures, Map<String, Integer> answeredByTier) {
    }

    private WarmUp warmUp(HttpClient http, RequestOptions target, List<String> texts, int clients, int round,
                          int maxSeconds) throws Exception {
        long started = System.nanoTime();
        int done = 0;
        double jitShare;
        do {
            long compiledBefore = JIT.getTotalCompilationTime();
            long roundStarted = System.nanoTime();
            drive(http, target, texts, clients, round);
            done += round;
            jitShare = (JIT.getTotalCompilationTime() - compiledBefore) / ((System.nanoTime() - roundStarted) / 1e6);
        } while (jitShare > QUIET_JIT && System.nanoTime() - started < maxSeconds * 1_000_000_000L);
        return new WarmUp(done, (System.nanoTime() - started) / 1e9, jitShare);
    }

    private static Map<String, MicroBatcher.Usage> usage(EncoderPool encoders) {
        Map<String, MicroBatcher.Usage> usage = new HashMap<>();
        encoders.batchers().forEach(b -> usage.put(b.encoder().id(), b.usage()));
        return usage;
    }

    /**
     * Each encoder the cascade's in-process tiers use, in tier order: its bare batch rate on the texts, and
     * the share of measured requests that reached the first tier needing it.
     */
    private static List<EncoderLoad> encoderLoads(CapabilityCascade cascade, Drive measured, List<String> texts,
                                                  Map<String, Double> meanBatch) {
        List<CapabilityCascade.TierModel> tiers = cascade.inProcessModels();
        int total = measured.answeredByTier().values().stream().mapToInt(Integer::intValue).sum();
        List<String> sample = texts.subList(0, Math.min(texts.size(), BARE_SAMPLE));
        List<EncoderLoad> loads = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int answeredEarlier = 0;
        for (CapabilityCascade.TierModel tier : tiers) {
            double reaching = total == 0 ? 1 : (double) (total - answeredEarlier) / total;
            for (IntentModel member : tier.ensemble().members()) {
                for (Encoder encoder : member.encoders()) {
                    if (seen.add(encoder.id())) {
                        loads.add(bestBatchRate(encoder, sample, reaching, meanBatch.getOrDefault(encoder.id(), 0.0)));
                    }
                }
            }
            answeredEarlier += measured.answeredByTier().getOrDefault(tier.tier(), 0);
        }
        return loads;
    }

    /**
     * The encoder's throughput on the texts in arrival order, at the batch size where it runs fastest, and
     * the best of a few runs: the strictest baseline, which a moment of noise on the machine cannot lower.
     */
    private static EncoderLoad bestBatchRate(Encoder encoder, List<String> texts, double shareOfRequests,
                                             double frontDoorMeanBatch) {
        encodeInBatches(encoder, texts.subList(0, Math.min(200, texts.size())), BATCH_SIZES[0]);
        EncoderLoad best = null;
        for (int repeat = 0; repeat < BARE_REPEATS; repeat++) {
            for (int size : BATCH_SIZES) {
                long t0 = System.nanoTime();
                encodeInBatches(encoder, texts, size);
                double rate = texts.size() / ((System.nanoTime() - t0) / 1e9);
                if (best == null || rate > best.batchPerSecond()) {
                    best = new EncoderLoad(encoder.id(), size, rate, shareOfRequests, frontDoorMeanBatch);
                }
            }
        }
        return best;
    }

    private static void encodeInBatches(Encoder encoder, List<String> texts, int size) {
        for (int start = 0; start < texts.size(); start += size) {
            encoder.embed(texts.subList(start, Math.min(texts.size(), start + size)));
        }
    }

    /** A closed loop: each client sends its next request when the answer to its last one has arrived. */
    private Drive drive(HttpClient http, RequestOptions target, List<String> texts, int clients, int total)
            throws InterruptedException {
        Loop loop = new Loop(http, target, texts, total, new CountDownLatch(clients));
        for (int c = 0; c < clients; c++) {
            sendNext(loop);
        }
        loop.finished().await();
        return new Drive(loop.nanos(), loop.failures().get(), Map.copyOf(loop.answeredByTier()));
    }

    private record Loop(HttpClient http, RequestOptions target, List<String> texts, int total, CountDownLatch finished,
                        long[] nanos, AtomicInteger next, AtomicInteger failures, Map<String, Integer> answeredByTier) {
        Loop(HttpClient http, RequestOptions target, List<String> texts, int total, CountDownLatch finished) {
            this(http, target, texts, total, finished, new long[total], new AtomicInteger(), new AtomicInteger(),
                    new ConcurrentHashMap<>());
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
        loop.http().request(loop.target())
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
        } catch (java.io.IOException e) {
            return "(unreadable)";
        }
    }

    private void print(Result r) {
        out.printf("%n| %-44s | %12s | %8s | %8s | %8s |%n", "measured in one run", "per second", "p50 ms", "p99 ms", "failed");
        out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(14), "-".repeat(10), "-".repeat(10), "-".repeat(10));
        out.printf("| %-44s | %12.1f | %8.2f | %8.2f | %8d |%n", "POST /api/v1/requests, " + r.clients() + " clients, "
                + r.requests() + " requests", r.requestsPerSecond(), r.latency().p50(), r.latency().p99(), r.failures());
        for (EncoderLoad load : r.encoders()) {
            out.printf("| %-44s | %12.1f | %8s | %8s | %8s |%n", "bare encoder, batches of " + load.batchSize() + ": "
                    + load.encoder(), load.batchPerSecond(), "", "", "");
        }
        out.printf("| %-44s | %12.1f | %8s | %8s | %8s |%n", "bare encoders, same work as the cascade", r.sameWorkBatchPerSecond(),
                "", "", "");
        out.printf("%nwarm-up: %d requests in %.0f s, until the JIT compiled for %.0f%% of the last round (stops below %.0f%%)%n",
                r.warmUp().requests(), r.warmUp().seconds(), 100 * r.warmUp().lastRoundJitShare(), 100 * QUIET_JIT);
        out.printf("JIT compiling while measured: %.0f%% of the time%n", 100 * r.measuredJitShare());
        out.printf("encoders needed per request: %s%n", r.encoders().stream()
                .map(l -> String.format("%s for %.1f%%", l.encoder(), 100 * l.shareOfRequests())).toList());
        out.printf("mean micro-batch in the front door: %s%n", r.encoders().stream()
                .map(l -> String.format("%s %.1f", l.encoder(), l.frontDoorMeanBatch())).toList());
        out.printf("front door / bare encoders doing the same work = %.2f%n", r.requestsPerSecond() / r.sameWorkBatchPerSecond());
        out.printf("front door / first tier's encoder alone = %.2f%n", r.requestsPerSecond() / r.encoders().get(0).batchPerSecond());
    }
}
