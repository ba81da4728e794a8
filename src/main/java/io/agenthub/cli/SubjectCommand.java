package io.agenthub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agenthub.api.DataSubject;
import io.agenthub.app.JsonMapper;
import io.agenthub.compliance.SubjectRights;
import io.agenthub.config.HubSettings;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "subject", mixinStandardHelpOptions = true,
        description = "A data subject's rights: a readable copy of everything held about them (GDPR Art. 15), and erasure.",
        subcommands = {SubjectCommand.Export.class, SubjectCommand.Erase.class})
final class SubjectCommand {

    /** Who: the subject id the requests carry, and the tenant when more than one holds data for it. */
    static final class Who {
        @Option(names = "--id", required = true, paramLabel = "SUBJECT", description = "The subject id, as requests carry it.")
        String id;

        @Option(names = "--tenant", paramLabel = "TENANT",
                description = "The tenant (data controller); needed only when several hold data for this id.")
        String tenant;

        /** @throws IllegalArgumentException (exit 1) when no tenant holds data for the id */
        List<DataSubject> resolve(SubjectRights rights) {
            List<DataSubject> known = tenant != null ? List.of(new DataSubject(tenant, id)) : rights.subjectsWithId(id);
            if (known.isEmpty()) {
                throw new IllegalArgumentException("No data is held for subject '" + id + "'.");
            }
            return known;
        }
    }

    /** The hub's database and vault, opened for one command. */
    private static final class Opened implements AutoCloseable {
        final Database database;
        final SubjectRights rights;

        Opened(HubData data) {
            HubSettings settings = data.settings();
            database = data.open(settings);
            MasterKey master;
            try {
                master = MasterKey.existing(settings.text("hub.vault.master-key", ""), settings.keyFiles());
            } catch (RuntimeException e) {
                database.stop();
                throw e;
            }
            ObjectMapper json = JsonMapper.create();
            Clock clock = Clock.systemUTC();
            Ledger ledger = Ledger.open(database.dataSource(), json, clock);
            rights = new SubjectRights(database.dataSource(), ledger,
                    new SubjectVault(database.dataSource(), master, clock), json, clock);
        }

        @Override
        public void close() {
            database.stop();
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write everything held about a subject as readable JSON: their personal values from the vault, and",
                    "each request as they wrote it and as stored (tokens), with its steps, answer, reviews and any erasure."})
    static final class Export implements Callable<Integer> {
        @Mixin
        HubData data;

        @Mixin
        Who who;

        @Option(names = "--out", paramLabel = "FILE", description = "Where to write it (default: standard output).")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (Opened hub = new Opened(data)) {
                List<DataSubject> subjects = who.resolve(hub.rights);
                ObjectMapper json = JsonMapper.create().enable(SerializationFeature.INDENT_OUTPUT);
                ArrayNode exports = json.createArrayNode();
                subjects.forEach(subject -> exports.add(hub.rights.export(subject, CliTokens.operatorOfThisMachine())));
                CommandOutput.write(spec, out, json.writeValueAsString(exports.size() == 1 ? exports.get(0) : exports));
                return 0;
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = {"Erase a subject by crypto-shredding: their vault key is destroyed, so every personal value held for",
                    "them is unreadable in every copy, and their stored request texts are blanked. The request history",
                    "(tokens and digests) stays and the audit log still verifies; the erasure is itself an audit event."})
    static final class Erase implements Callable<Integer> {
        @Mixin
        HubData data;

        @Mixin
        Who who;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the audit trail (e.g. the request's reference).")
        String reason;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Opened hub = new Opened(data)) {
                List<DataSubject> subjects = who.resolve(hub.rights);
                if (subjects.size() > 1) {
                    spec.commandLine().getErr().println("Subject '" + who.id + "' is known to tenants "
                            + subjects.stream().map(DataSubject::tenant).toList() + "; name one with --tenant.");
                    return 2;
                }
                SubjectRights.Erasure erasure = hub.rights.erase(subjects.get(0), reason, CliTokens.operatorOfThisMachine());
                spec.commandLine().getOut().printf("Erased %s: key %s, %d personal values, %d request texts; recorded in the audit log.%n",
                        erasure.subject(), erasure.keyDestroyed() ? "destroyed" : "already gone", erasure.values(),
                        erasure.requestTexts());
                return 0;
            }
        }
    }
}
