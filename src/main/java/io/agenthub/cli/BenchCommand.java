package io.agenthub.cli;

import io.agenthub.bench.ClassifierBenchmark;
import io.agenthub.bench.ComplianceCostBenchmark;
import io.agenthub.bench.FrontDoorBenchmark;
import io.agenthub.bench.TenantFloodBenchmark;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.slm.LabelledData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print a table: classifiers side by side, front-door throughput, what compliance costs,"
                + " and whether one tenant's flood slows another.",
        subcommands = {BenchCommand.Classifiers.class, BenchCommand.FrontDoor.class, BenchCommand.ComplianceCost.class,
                BenchCommand.TenantFlood.class})
final class BenchCommand {

    @Command(name = "classifiers", mixinStandardHelpOptions = true,
            description = {"Train and score, on one split of the same data, this hub's head, LangChain4j's",
                    "EmbeddingModelTextClassifier and OpenNLP's DocumentCategorizerME: accuracy, single-request",
                    "latency p50/p99, throughput, memory."})
    static final class Classifiers implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "datasets/banking77/train.csv", description = "Labelled data (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--encoders", split = ",", defaultValue = "all-minilm-l6-v2", description = "Encoders of the hub's head (default: ${DEFAULT-VALUE}).")
        List<String> encoders;

        @Option(names = "--folds", defaultValue = "5", description = "The test split is one fold of this many (default: ${DEFAULT-VALUE}).")
        int folds;

        @Option(names = "--seed", defaultValue = "42", description = "Seed of the split (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--latency-requests", defaultValue = "500", description = "Single requests timed per classifier (default: ${DEFAULT-VALUE}).")
        int latencyRequests;

        @Option(names = "--threads", defaultValue = "2", description = "Callers for the peers' throughput (default: ${DEFAULT-VALUE}, the cores).")
        int threads;

        @Option(names = "--capability", defaultValue = "banking77-intent",
                description = "Also score this capability's cascade from processors/, its heads refitted on the training split; none to skip (default: ${DEFAULT-VALUE}).")
        String capability;

        @Option(names = "--processors-dir", defaultValue = "processors", description = "Capability declarations (default: ${DEFAULT-VALUE}).")
        Path processorsDir;

        @Option(names = "--models-dir", defaultValue = "models", description = "Model versions (default: ${DEFAULT-VALUE}).")
        Path modelsDir;

        @Override
        public Integer call() throws Exception {
            ClassifierBenchmark benchmark = new ClassifierBenchmark(System.out, latencyRequests, threads);
            if ("none".equals(capability)) {
                benchmark.run(data, 0, folds, seed, encoders, null);
                return 0;
            }
            try (CapabilityRegistry registry = LocalCapabilities.load(processorsDir, modelsDir, capability)) {
                benchmark.run(data, 0, folds, seed, encoders, registry.get(capability));
            }
            return 0;
        }
    }

    /** How a load benchmark drives the hub: clients, warm-up and the texts they send. */
    static final class Load {
        @Option(names = "--clients", defaultValue = "64", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--warmup", defaultValue = "3000",
                description = "Requests per warm-up round; rounds repeat until the JIT compiler is nearly idle (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--warmup-seconds", defaultValue = "240",
                description = "Longest warm-up, even if the JIT is still busy (default: ${DEFAULT-VALUE}).")
        int warmupSeconds;

        @Option(names = "--texts", defaultValue = "datasets/banking77/train.csv", description = "Where request texts come from (default: ${DEFAULT-VALUE}).")
        Path texts;

        void check(CommandSpec spec) {
            if (clients < 1 || warmup < 1 || warmupSeconds < 0) {
                throw new ParameterException(spec.commandLine(), "--clients and --warmup must be at least 1, --warmup-seconds at least 0");
            }
        }

        /** The texts in a fixed shuffled order, so every run sends the same sequence. */
        List<String> shuffledTexts() throws IOException {
            List<String> sample = new ArrayList<>(LabelledData.read(List.of(texts)).texts());
            Collections.shuffle(sample, new Random(7));
            return sample;
        }
    }

    @Command(name = "front-door", mixinStandardHelpOptions = true,
            description = {"Start the hub in this process and drive POST /api/v1/requests from many clients;",
                    "print requests/s and p50/p99 beside the bare encoder's batch throughput, same run."})
    static final class FrontDoor implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Load load;

        @Option(names = "--requests", defaultValue = "20000",
                description = "Measured requests, about a minute: JIT and database upkeep come in bursts (default: ${DEFAULT-VALUE}).")
        int requests;

        @Override
        public Integer call() throws Exception {
            load.check(spec);
            if (requests < 1) {
                throw new ParameterException(spec.commandLine(), "--requests must be at least 1");
            }
            new FrontDoorBenchmark(System.out).run(load.shuffledTexts(), load.clients, requests, load.warmup, load.warmupSeconds);
            return 0;
        }
    }

    @Command(name = "tenant-flood", mixinStandardHelpOptions = true,
            description = {"Start the hub in this process with the shipped tenants and their limits; time tenant B's steady",
                    "requests alone and while many clients flood tenant A, ignoring Retry-After: p50/p99 side by side,",
                    "their ratio (at most 2), and the 429s each tenant got."})
    static final class TenantFlood implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--flood-clients", defaultValue = "32", description = "Clients flooding tenant A (default: ${DEFAULT-VALUE}).")
        int floodClients;

        @Option(names = "--rate", defaultValue = "10",
                description = "Tenant B's requests per second, within its limits (default: ${DEFAULT-VALUE}).")
        int rate;

        @Option(names = "--seconds", defaultValue = "10", description = "Length of each measured phase (default: ${DEFAULT-VALUE}).")
        int seconds;

        @Option(names = "--rounds", defaultValue = "8",
                description = "Alternating rounds, B alone then flooded: many short ones, so that other load on the machine"
                        + " falls on both alike (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--warmup-seconds", defaultValue = "200",
                description = "Longest warm-up, in flooded rounds of 10 s until the JIT is nearly idle (default: ${DEFAULT-VALUE}).")
        int warmupSeconds;

        @Option(names = "--texts", defaultValue = "datasets/banking77/train.csv", description = "Where request texts come from (default: ${DEFAULT-VALUE}).")
        Path texts;

        @Override
        public Integer call() throws Exception {
            if (floodClients < 1 || rate < 1 || seconds < 1 || rounds < 1 || warmupSeconds < 0) {
                throw new ParameterException(spec.commandLine(),
                        "--flood-clients, --rate, --seconds and --rounds must be at least 1, --warmup-seconds at least 0");
            }
            Load load = new Load();
            load.texts = texts;
            TenantFloodBenchmark.Result result = new TenantFloodBenchmark(System.out)
                    .run(load.shuffledTexts(), floodClients, rate, seconds, rounds, warmupSeconds);
            return result.p99Ratio() <= 2 && result.flooded().aRefused() > 0 ? 0 : 1;
        }
    }

    @Command(name = "compliance-cost", mixinStandardHelpOptions = true,
            description = {"Start two hubs in this process, one as shipped and one with redaction and the audit log off, and",
                    "drive both in alternating rounds with the same texts (a share carrying personal data): requests/s side by side."})
    static final class ComplianceCost implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Load load;

        @Option(names = "--requests", defaultValue = "3000", description = "Measured requests per round and side (default: ${DEFAULT-VALUE}).")
        int requests;

        @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds per side (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--pii-share", defaultValue = "0.3", description = "Share of texts given personal data (default: ${DEFAULT-VALUE}).")
        double piiShare;

        @Option(names = "--without", defaultValue = "both",
                description = "What the comparison hub turns off: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        ComplianceCostBenchmark.Without without;

        @Override
        public Integer call() throws Exception {
            load.check(spec);
            if (requests < 1 || rounds < 1 || piiShare < 0 || piiShare > 1) {
                throw new ParameterException(spec.commandLine(), "--requests and --rounds must be at least 1, --pii-share between 0 and 1");
            }
            new ComplianceCostBenchmark(System.out).run(load.shuffledTexts(), piiShare, without, load.clients, requests, rounds,
                    load.warmup, load.warmupSeconds);
            return 0;
        }
    }
}
