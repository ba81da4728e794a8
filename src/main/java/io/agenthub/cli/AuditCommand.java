package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.audit.AuditKeys;
import io.agenthub.audit.AuditStore;
import io.agenthub.audit.AuditVerifier;
import io.agenthub.audit.CheckpointFile;
import io.agenthub.audit.MerkleTree;
import io.agenthub.audit.MerkleVerifier.InvalidProofException;
import io.agenthub.audit.ProofFiles;
import io.agenthub.config.HubSettings;
import io.agenthub.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify the tamper-evident audit log and write or check its Merkle proofs (RFC 6962).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Prove.class, AuditCommand.VerifyProof.class})
final class AuditCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check every record and checkpoint of the audit log: content against its hash, each signature,",
                    "the order, and every checkpoint's root. Exit 0 when it all holds; exit 1 naming the first bad record."})
    static final class Verify implements Callable<Integer> {
        @Mixin
        HubData store;

        @Option(names = "--public-key", paramLabel = "BASE64",
                description = "The Ed25519 public key to trust (base64 X.509). Default: the hub's own; pin it for a real audit.")
        String publicKey;

        @Option(names = "--checkpoints", paramLabel = "FILE",
                description = {"Checkpoints published outside the database (JSON lines); the log must hold them too.",
                        "Default: the hub's hub.audit.checkpoint-file when it exists."})
        Path checkpoints;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            HubSettings settings = store.settings();
            var key = AuditKeys.verifyingKey(publicKey, settings.text("hub.audit.signing-key", ""), settings.dataDir());
            Path publishedFile = checkpoints != null ? checkpoints
                    : Files.isRegularFile(settings.auditCheckpointFile()) ? settings.auditCheckpointFile() : null;
            List<AuditStore.Checkpoint> published = List.of();
            if (publishedFile != null) {
                try {
                    published = CheckpointFile.read(publishedFile);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read " + publishedFile + ": " + e.getMessage());
                }
            }
            Database database = store.open(settings);
            try {
                AuditVerifier.Report report = new AuditVerifier(database.dataSource(), key).verify(published);
                PrintWriter out = spec.commandLine().getOut();
                if (!report.ok()) {
                    spec.commandLine().getErr().println("audit log does NOT verify: " + report.problem());
                    return 1;
                }
                out.printf("audit log verifies: %d records, %d signed checkpoints, %d events not yet appended%s%n",
                        report.records(), report.checkpoints(), report.pending(), publishedFile == null ? ""
                                : "; it holds all " + published.size() + " checkpoints published in " + publishedFile);
                return 0;
            } finally {
                database.stop();
            }
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true,
            description = {"Write an inclusion proof (--record N) or a consistency proof (--from SIZE1 --to SIZE2) as JSON,",
                    "in the format `audit verify-proof` and the transparency-dev test vectors use."})
    static final class Prove implements Callable<Integer> {
        @Mixin
        HubData store;

        @ArgGroup(exclusive = true, multiplicity = "1")
        What what;

        static final class What {
            @Option(names = "--record", paramLabel = "N", description = "The record's index in the log (0 is the first).")
            Long record;

            @ArgGroup(exclusive = false)
            Range range;
        }

        static final class Range {
            @Option(names = "--from", required = true, paramLabel = "SIZE1", description = "The older tree size.") long from;
            @Option(names = "--to", required = true, paramLabel = "SIZE2", description = "The newer tree size.") long to;
        }

        @Option(names = "--size", paramLabel = "SIZE",
                description = "With --record: the tree size to prove against (default: the latest signed checkpoint).")
        Long size;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write the proof (default: standard output).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            HubSettings settings = store.settings();
            Database database = store.open(settings);
            ObjectNode proof;
            try {
                AuditStore log = new AuditStore(database.dataSource());
                MerkleTree tree = log.tree();
                ProofFiles files = new ProofFiles(new ObjectMapper());
                if (what.record != null) {
                    long treeSize = size != null ? size : log.checkpoints().stream()
                            .mapToLong(AuditStore.Checkpoint::treeSize).max().orElse(tree.size());
                    require(what.record >= 0 && what.record < treeSize, "--record must be between 0 and " + (treeSize - 1)
                            + " for a tree of " + treeSize + " records");
                    require(treeSize <= tree.size(), "--size " + treeSize + " is larger than the log (" + tree.size() + " records)");
                    proof = files.inclusion(what.record, treeSize, tree.root(treeSize), tree.leafHash(what.record),
                            tree.inclusionProof(what.record, treeSize));
                } else {
                    long from = what.range.from;
                    long to = what.range.to;
                    require(from >= 1 && from <= to, "--from must be at least 1 and at most --to");
                    require(to <= tree.size(), "--to " + to + " is larger than the log (" + tree.size() + " records)");
                    proof = files.consistency(from, to, tree.root(from), tree.root(to), tree.consistencyProof(from, to));
                }
            } finally {
                database.stop();
            }
            CommandOutput.write(spec, out, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(proof));
            return 0;
        }

        private void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    @Command(name = "verify-proof", mixinStandardHelpOptions = true,
            description = {"Check an inclusion or consistency proof file offline, without the hub.",
                    "Exit 0 when it is valid; exit 1 with the reason when it is not."})
    static final class VerifyProof implements Callable<Integer> {
        @Option(names = "--file", required = true, paramLabel = "F", description = "The proof, as `audit prove` writes it.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode proof;
            try {
                proof = new ObjectMapper().readTree(file.toFile());
            } catch (IOException e) {
                String reason = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                spec.commandLine().getErr().println("invalid proof: " + file + " is not readable JSON (" + reason + ")");
                return 1;
            }
            try {
                String proved = new ProofFiles(new ObjectMapper()).verify(proof);
                spec.commandLine().getOut().println("valid: " + proved);
                return 0;
            } catch (InvalidProofException e) {
                spec.commandLine().getErr().println("invalid proof: " + e.getMessage());
                return 1;
            }
        }
    }
}
