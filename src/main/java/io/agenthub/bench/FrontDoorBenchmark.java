package io.agenthub.bench;

import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.capability.EncoderPool;
import io.agenthub.slm.Encoder;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.MicroBatcher;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
                         HubUnderLoad.WarmUp warmUp, double measuredJitShare, ThreadCpu measuredCpu,
                         List<EncoderLoad> encoders, double sameWorkBatchPerSecond) {

        /** {@code cpuSeconds} spent while measured (a part of {@link #measuredCpu}), in milliseconds per request. */
        double cpuMillisPerRequest(double cpuSeconds) {
            return requests == 0 ? 0 : 1000 * cpuSeconds / requests;
        }

        /** CPU milliseconds the bare encoders spend on the cascade's work for one request. */
        double sameWorkCpuMillis() {
            return encoders.stream().mapToDouble(l -> l.shareOfRequests() * l.cpuMillisPerText()).sum();
        }
    }

    /**
     * One encoder: its best bare batch throughput and the batch size that gave it, the share of requests
     * that needed it, and the mean micro-batch it ran in the front door.
     */
    public record EncoderLoad(String encoder, int batchSize, double batchPerSecond, double cpuMillisPerText,
                              double shareOfRequests, double frontDoorMeanBatch) {
    }

    private static final int[] BATCH_SIZES = {16, 32, 64};
    private static final int BARE_SAMPLE = 1000;
    private static final int BARE_REPEATS = 3;

    private final PrintStream out;

    public FrontDoorBenchmark(PrintStream out) {
        this.out = out;
    }

    /**
     * @param warmupRound   requests per warm-up round; at least one round runs
     * @param warmupSeconds the warm-up stops after this long even if the JIT is still busy
     */
    public Result run(List<String> texts, int clients, int requests, int warmupRound, int warmupSeconds) throws Exception {
        // Throughput is what is measured here, not the demo tenants' limits (bench tenant-flood measures those).
        try (HubUnderLoad hub = new HubUnderLoad(clients, Map.of("hub.limits.enabled", "false"))) {
            HubUnderLoad.WarmUp warmUp = hub.warmUp(texts, clients, warmupRound, warmupSeconds);
            EncoderPool encoders = hub.camel().getRegistry().lookupByNameAndType("capabilities",
                    CapabilityRegistry.class).encoders();
            Map<String, MicroBatcher.Usage> usageBefore = usage(encoders);
            long compiledBefore = HubUnderLoad.JIT.getTotalCompilationTime();
            ThreadCpu cpuBefore = ThreadCpu.now();
            HubUnderLoad.Drive measured = hub.drive(texts, clients, requests);
            ThreadCpu measuredCpu = ThreadCpu.now().since(cpuBefore);
            double measuredJitShare = (HubUnderLoad.JIT.getTotalCompilationTime() - compiledBefore) / (measured.seconds() * 1000);

            CapabilityCascade frontDoor = hub.camel().getRegistry()
                    .lookupByNameAndType("frontDoorCapabilityCascade", CapabilityCascade.class);
            Map<String, Double> meanBatch = new HashMap<>();
            usage(encoders).forEach((id, after) -> meanBatch.put(id, after.since(usageBefore.getOrDefault(id, new MicroBatcher.Usage(0, 0))).meanBatch()));
            List<EncoderLoad> loads = encoderLoads(frontDoor, measured, texts, meanBatch);
            double secondsPerRequest = loads.stream().mapToDouble(l -> l.shareOfRequests() / l.batchPerSecond()).sum();

            Result result = new Result(clients, requests, measured.requestsPerSecond(), LatencyStats.ofNanos(measured.nanos()),
                    measured.failures(), warmUp, measuredJitShare, measuredCpu, loads, 1 / secondsPerRequest);
            print(result);
            return result;
        }
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
    private static List<EncoderLoad> encoderLoads(CapabilityCascade cascade, HubUnderLoad.Drive measured, List<String> texts,
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
                ThreadCpu before = ThreadCpu.now();
                encodeInBatches(encoder, texts, size);
                ThreadCpu spent = ThreadCpu.now().since(before);
                double rate = texts.size() / (spent.wallNanos() / 1e9);
                if (best == null || rate > best.batchPerSecond()) {
                    // The hub is idle meanwhile, so the whole process's CPU is the encoder's.
                    double cpuMillisPerText = 1000 * (spent.encoderSeconds() + spent.otherSeconds()) / texts.size();
                    best = new EncoderLoad(encoder.id(), size, rate, cpuMillisPerText, shareOfRequests, frontDoorMeanBatch);
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
                r.warmUp().requests(), r.warmUp().seconds(), 100 * r.warmUp().lastRoundJitShare(), 100 * HubUnderLoad.QUIET_JIT);
        out.printf("JIT compiling while measured: %.0f%% of the time%n", 100 * r.measuredJitShare());
        out.printf("encoders needed per request: %s%n", r.encoders().stream()
                .map(l -> String.format("%s for %.1f%%", l.encoder(), 100 * l.shareOfRequests())).toList());
        out.printf("mean micro-batch in the front door: %s%n", r.encoders().stream()
                .map(l -> String.format("%s %.1f", l.encoder(), l.frontDoorMeanBatch())).toList());
        ThreadCpu cpu = r.measuredCpu();
        out.printf("CPU while measured: %.2f of %d cores busy; per request %.2f ms: encoder threads %.2f ms, all other"
                        + " threads %.2f ms (HTTP server and clients, routes, redaction, database, audit log, JIT, GC)%n",
                cpu.cores(), Runtime.getRuntime().availableProcessors(),
                r.cpuMillisPerRequest(cpu.encoderSeconds() + cpu.otherSeconds()), r.cpuMillisPerRequest(cpu.encoderSeconds()),
                r.cpuMillisPerRequest(cpu.otherSeconds()));
        out.printf("CPU of the bare encoders: %s; for the cascade's work %.2f ms per request%n", r.encoders().stream()
                .map(l -> String.format("%s %.2f ms per text", l.encoder(), l.cpuMillisPerText())).toList(), r.sameWorkCpuMillis());
        out.printf("front door / bare encoders doing the same work = %.2f%n", r.requestsPerSecond() / r.sameWorkBatchPerSecond());
        out.printf("front door / first tier's encoder alone = %.2f%n", r.requestsPerSecond() / r.encoders().get(0).batchPerSecond());
    }
}
