package io.agenthub.bench;

import io.agenthub.audit.AuditLog;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What compliance costs at the front door: two hubs in this process, one as shipped (personal data found
 * and tokenised at the door, every step appended to the signed Merkle log) and one with both off
 * ({@code hub.pii.redaction=false}, {@code hub.audit.enabled=false}), driven in alternating rounds with the
 * same texts, a share of which carry personal data. An audited round lasts until its audit events are
 * appended and signed, so the log's work is charged to the round that caused it.
 */
public final class ComplianceCostBenchmark {

    /** One configuration's measured rounds. */
    public record Side(String name, List<Double> roundRates, double requestsPerSecond, LatencyStats latency, int failures,
                       Map<String, Integer> answeredByTier) {
    }

    public record Result(Side on, Side off, double ratio, double piiShare) {
    }

    /** What the comparison hub turns off: both (the measure), or one, to see where the cost goes. */
    public enum Without {
        BOTH(Map.of("hub.pii.redaction", "false", "hub.audit.enabled", "false"), "audit + redaction"),
        AUDIT(Map.of("hub.audit.enabled", "false"), "audit"),
        REDACTION(Map.of("hub.pii.redaction", "false"), "redaction");

        private final Map<String, String> settings;
        private final String label;

        Without(Map<String, String> settings, String label) {
            this.settings = settings;
            this.label = label;
        }
    }

    /** Values a customer might write, by kind; each text with personal data gets one or two. */
    private static final String[] NAMES = {"Margaret Thornton", "Oliver Brennan", "Priya Raman", "Lukas Becker", "Amelia Ward"};
    private static final String[] CARDS = {"4111 1111 1111 1111", "5500 0055 5555 5559", "4012 8888 8888 1881"};
    private static final String[] EMAILS = {"m.thornton@example.org", "oliver.b@example.net", "priya.raman@example.com"};
    private static final String[] PHONES = {"+44 20 7946 0958", "+1 212 555 0147", "+49 30 901820"};
    private static final String[] IBANS = {"GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00"};

    private final PrintStream out;

    public ComplianceCostBenchmark(PrintStream out) {
        this.out = out;
    }

    /** Every n-th text, for a share of {@code piiShare}, gets a sentence with personal data appended. */
    public static List<String> withPersonalData(List<String> texts, double piiShare) {
        List<String> mixed = new ArrayList<>(texts.size());
        int every = piiShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / piiShare);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (i % every == 0) {
                int k = i / every;
                text = switch (k % 4) {
                    case 0 -> text + " This is " + NAMES[k % NAMES.length] + ", card " + CARDS[k % CARDS.length] + ".";
                    case 1 -> text + " Please reply to " + EMAILS[k % EMAILS.length] + ".";
                    case 2 -> "Hi, " + NAMES[k % NAMES.length] + " here. " + text + " Call me on " + PHONES[k % PHONES.length];
                    default -> text + " My account is " + IBANS[k % IBANS.length] + ".";
                };
            }
            mixed.add(text);
        }
        return mixed;
    }

    public Result run(List<String> texts, double piiShare, Without without, int clients, int requestsPerRound, int rounds,
                      int warmupRound, int warmupSeconds) throws Exception {
        List<String> mixed = withPersonalData(texts, piiShare);
        // Both without the demo tenants' limits: throughput is measured here, not the limits.
        Map<String, String> unlimited = Map.of("hub.limits.enabled", "false");
        Map<String, String> offSettings = new java.util.HashMap<>(without.settings);
        offSettings.putAll(unlimited);
        try (HubUnderLoad on = new HubUnderLoad(clients, unlimited);
             HubUnderLoad off = new HubUnderLoad(clients, offSettings)) {
            AuditLog auditLog = on.camel().getRegistry().lookupByNameAndType("auditLog", AuditLog.class);
            off.warmUp(mixed, clients, warmupRound, warmupSeconds);
            on.warmUp(mixed, clients, warmupRound, warmupSeconds);
            auditLog.appendPending();
            List<HubUnderLoad.Drive> onDrives = new ArrayList<>();
            List<HubUnderLoad.Drive> offDrives = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                offDrives.add(off.drive(mixed, clients, requestsPerRound));
                HubUnderLoad.Drive drive = on.drive(mixed, clients, requestsPerRound);
                long drainStarted = System.nanoTime();
                auditLog.appendPending();
                double drained = (System.nanoTime() - drainStarted) / 1e9;
                onDrives.add(new HubUnderLoad.Drive(drive.nanos(), drive.failures(), drive.answeredByTier(),
                        drive.seconds() + drained));
            }
            Side onSide = side("as shipped", onDrives);
            Side offSide = side("without " + without.label, offDrives);
            Result result = new Result(onSide, offSide, onSide.requestsPerSecond() / offSide.requestsPerSecond(), piiShare);
            print(result, without, clients, requestsPerRound, rounds);
            return result;
        }
    }

    private static Side side(String name, List<HubUnderLoad.Drive> drives) {
        int requests = drives.stream().mapToInt(d -> d.nanos().length).sum();
        double seconds = drives.stream().mapToDouble(HubUnderLoad.Drive::seconds).sum();
        long[] nanos = drives.stream().flatMapToLong(d -> Arrays.stream(d.nanos())).toArray();
        Map<String, Integer> tiers = new TreeMap<>();
        drives.forEach(d -> d.answeredByTier().forEach((tier, n) -> tiers.merge(tier, n, Integer::sum)));
        return new Side(name, drives.stream().map(HubUnderLoad.Drive::requestsPerSecond).toList(), requests / seconds,
                LatencyStats.ofNanos(nanos), drives.stream().mapToInt(HubUnderLoad.Drive::failures).sum(), tiers);
    }

    private void print(Result r, Without without, int clients, int requestsPerRound, int rounds) {
        out.printf("%n%d clients, %d rounds of %d requests per side, alternating; %.0f%% of texts carry personal data%n",
                clients, rounds, requestsPerRound, 100 * r.piiShare());
        out.printf("%n| %-24s | %10s | %-28s | %8s | %8s | %6s |%n", "front door", "req/s", "per round", "p50 ms", "p99 ms", "failed");
        out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(26), "-".repeat(12), "-".repeat(30), "-".repeat(10), "-".repeat(10), "-".repeat(8));
        for (Side side : List.of(r.off(), r.on())) {
            out.printf("| %-24s | %10.1f | %-28s | %8.2f | %8.2f | %6d |%n", side.name(), side.requestsPerSecond(),
                    side.roundRates().stream().map(v -> String.format("%.1f", v)).toList(), side.latency().p50(),
                    side.latency().p99(), side.failures());
        }
        for (Side side : List.of(r.off(), r.on())) {
            out.printf("answered by tier, %s: %s%n", side.name(), side.answeredByTier());
        }
        out.printf("%nas shipped (audit and redaction on) / without %s = %.2f%n", without.label, r.ratio());
    }
}
