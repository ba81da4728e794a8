package io.agenthub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.slm.Encoder;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentModel;
import org.apache.camel.main.Main;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives {@code POST /api/v1/requests} of a hub started in this process (embedded broker, database and
 * sandbox, as {@code run} starts it) from many concurrent clients, then measures the bare batch
 * throughput of the front-door capability's encoders on the same texts in the same run.
 *
 * <p>The cascade runs its first tier's encoders for every request and a later tier's extra encoders
 * only for the requests that reach it, so the fair baseline is that same encoder work done as bare
 * batches: each encoder's batch cost weighted by the share of requests that needed it in the measured
 * run. The first tier's encoder alone is printed too.
 */
public final class FrontDoorBenchmark {

    public record Result(int clients, int requests, double requestsPerSecond, LatencyStats latency, int failures,
                         List<EncoderLoad> encoders, double sameWorkBatchPerSecond) {
    }

    /** One encoder: its bare batch throughput and the share of the measured requests that needed it. */
    public record EncoderLoad(String encoder, double batchPerSecond, double shareOfRequests) {
    }

    private static final String[] SUBJECTS = {"C-1001", "C-1002", "C-1003", "C-1004", "C-1005"};

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();

    public FrontDoorBenchmark(PrintStream out) {
        this.out = out;
    }

    public Result run(List<String> texts, int clients, int requests, int warmup) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path dataDir = Files.createTempDirectory("agent-hub-bench");
        Main hub = HubLauncher.create(new HubOptions(port, dataDir, null, null, false, false));
        hub.start();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        // The client keeps its own executor: sharing the callers' pool would starve it while they wait on it.
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String url = "http://127.0.0.1:" + port + "/api/v1/requests";
            drive(http, pool, url, texts, clients, warmup);
            long started = System.nanoTime();
            Drive measured = drive(http, pool, url, texts, clients, requests);
            double seconds = (System.nanoTime() - started) / 1e9;

            CapabilityCascade frontDoor = hub.getCamelContext().getRegistry()
                    .lookupByNameAndType("frontDoorIntent", CapabilityCascade.class);
            List<EncoderLoad> loads = encoderLoads(frontDoor, measured, texts);
            double secondsPerRequest = loads.stream().mapToDouble(l -> l.shareOfRequests() / l.batchPerSecond()).sum();

            Result result = new Result(clients, requests, requests / seconds, LatencyStats.ofNanos(measured.nanos()),
                    measured.failures(), loads, 1 / secondsPerRequest);
            print(result);
            return result;
        } finally {
            pool.shutdownNow();
            hub.stop();
        }
    }

    private record Drive(long[] nanos, int failures, Map<String, Integer> answeredByTier) {
    }

    /**
     * Each encoder the cascade's in-process tiers use, in tier order: its bare batch rate on the texts, and
     * the share of measured requests that reached the first tier needing it.
     */
    private static List<EncoderLoad> encoderLoads(CapabilityCascade cascade, Drive measured, List<String> texts) {
        List<CapabilityCascade.TierModel> tiers = cascade.inProcessModels();
        int total = measured.answeredByTier().values().stream().mapToInt(Integer::intValue).sum();
        List<String> sample = texts.subList(0, Math.min(texts.size(), 2000));
        List<EncoderLoad> loads = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int answeredEarlier = 0;
        for (CapabilityCascade.TierModel tier : tiers) {
            double reaching = total == 0 ? 1 : (double) (total - answeredEarlier) / total;
            for (IntentModel member : tier.ensemble().members()) {
                for (Encoder encoder : member.encoders()) {
                    if (seen.add(encoder.id())) {
                        Features.of(List.of(encoder), sample.subList(0, Math.min(200, sample.size())), done -> { });
                        long t0 = System.nanoTime();
                        Features.of(List.of(encoder), sample, done -> { });
                        loads.add(new EncoderLoad(encoder.id(), sample.size() / ((System.nanoTime() - t0) / 1e9), reaching));
                    }
                }
            }
            answeredEarlier += measured.answeredByTier().getOrDefault(tier.tier(), 0);
        }
        return loads;
    }

    private Drive drive(HttpClient http, ExecutorService pool, String url, List<String> texts, int clients, int total)
            throws Exception {
        long[] nanos = new long[total];
        Map<String, Integer> answeredByTier = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            workers.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < total) {
                    String body = json.createObjectNode().put("tenant", "demo-bank").put("channel", "app")
                            .put("subjectId", SUBJECTS[i % SUBJECTS.length]).put("text", texts.get(i % texts.size())).toString();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long t = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        } else {
                            JsonNode reply = json.readTree(response.body());
                            String tier = reply.path("escalated").asBoolean() ? "(escalated)" : reply.path("tier").asText();
                            answeredByTier.merge(tier, 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    nanos[i] = System.nanoTime() - t;
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return new Drive(nanos, failures.get(), Map.copyOf(answeredByTier));
    }

    private void print(Result r) {
        out.printf("%n| %-44s | %12s | %8s | %8s | %8s |%n", "measured in one run", "per second", "p50 ms", "p99 ms", "failed");
        out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(46), "-".repeat(14), "-".repeat(10), "-".repeat(10), "-".repeat(10));
        out.printf("| %-44s | %12.1f | %8.2f | %8.2f | %8d |%n", "POST /api/v1/requests, " + r.clients() + " clients, "
                + r.requests() + " requests", r.requestsPerSecond(), r.latency().p50(), r.latency().p99(), r.failures());
        for (EncoderLoad load : r.encoders()) {
            out.printf("| %-44s | %12.1f | %8s | %8s | %8s |%n", "bare encoder, batches of 64: " + load.encoder(),
                    load.batchPerSecond(), "", "", "");
        }
        out.printf("| %-44s | %12.1f | %8s | %8s | %8s |%n", "bare encoders, same work as the cascade", r.sameWorkBatchPerSecond(),
                "", "", "");
        out.printf("%nencoders needed per request: %s%n", r.encoders().stream()
                .map(l -> String.format("%s for %.1f%%", l.encoder(), 100 * l.shareOfRequests())).toList());
        out.printf("front door / bare encoders doing the same work = %.2f%n", r.requestsPerSecond() / r.sameWorkBatchPerSecond());
        out.printf("front door / first tier's encoder alone = %.2f%n", r.requestsPerSecond() / r.encoders().get(0).batchPerSecond());
    }
}
