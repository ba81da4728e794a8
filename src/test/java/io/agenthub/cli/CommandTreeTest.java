package io.agenthub.cli;

import io.agenthub.OtherProcess;
import io.agenthub.config.HubSettings;
import io.agenthub.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command and sub-command of {@code agent-hub}, walked from the root: each answers --help alike. */
class CommandTreeTest {

    /** A sentence: a capital letter (or a quoted or coded word) first, a full stop last, closing brackets aside. */
    private static final Pattern SENTENCE = Pattern.compile("^[\"`'(]?[A-Z0-9].*[.!?][)\"'`]?$", Pattern.DOTALL);

    @Test
    void everyCommandAnswersHelpWithExitZeroAndNoWarning() {
        for (List<String> command : commands()) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            CliRun cli = new CliRun();
            PrintStream stderr = System.err;
            ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
            int exit;
            // picocli reports a description it cannot format on System.err, not on the command's own writer
            System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
            try {
                exit = cli.run(args.toArray(String[]::new));
            } finally {
                System.setErr(stderr);
            }
            assertThat(exit).as("agent-hub %s --help exit code; error: %s", String.join(" ", command), cli.err()).isZero();
            assertThat(cli.out()).as("agent-hub %s --help", String.join(" ", command))
                    .contains(String.join(" ", "Usage:", "agent-hub", String.join(" ", command)).strip());
            assertThat(cli.err() + picocliWarnings.toString(StandardCharsets.UTF_8))
                    .as("agent-hub %s --help on standard error", String.join(" ", command)).isEmpty();
        }
    }

    @Test
    void everyDescriptionIsAWholeSentence() {
        List<String> problems = new ArrayList<>();
        walk(AgentHubCli.commandLine(), spec -> {
            String name = spec.qualifiedName();
            checkSentences(name, spec.usageMessage().description(), problems);
            for (ArgSpec arg : spec.args()) {
                if (!arg.hidden() && !isStandardHelp(arg)) {
                    checkSentences(name + " " + label(arg), arg.description(), problems);
                }
            }
        });
        assertThat(problems).as("descriptions that are not whole sentences ending with a full stop").isEmpty();
    }

    @Test
    void everyCommandThatReadsTheHubsDataTakesDataDirAndConfigAsRunDoes() {
        List<String> withDataDir = new ArrayList<>();
        walk(AgentHubCli.commandLine(), spec -> {
            if (spec.optionsMap().containsKey("--data-dir")) {
                withDataDir.add(spec.qualifiedName());
                assertThat(spec.optionsMap()).as("%s --config", spec.qualifiedName()).containsKey("--config");
            }
        });
        // the hub's database, keys or signing key: the commands docs/cli.md lists as reading the hub's data
        assertThat(withDataDir).containsExactlyInAnyOrder("agent-hub run", "agent-hub audit verify", "agent-hub audit prove",
                "agent-hub subject export", "agent-hub subject erase", "agent-hub token", "agent-hub dead-letters list",
                "agent-hub dead-letters replay", "agent-hub dead-letters purge", "agent-hub traces export", "agent-hub jobs",
                "agent-hub jobs list", "agent-hub jobs run", "agent-hub jobs status", "agent-hub jms send");
    }

    @Test
    void anUnknownCommandIsOneLineAndAHint() {
        CliRun cli = new CliRun();

        assertThat(cli.run("frobnicate")).isEqualTo(2);

        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().lines().toList()).containsExactly(
                "agent-hub: unknown command 'frobnicate'",
                "Run 'agent-hub --help' for the commands.");
    }

    @Test
    void aBadOptionIsOneLineAndAHintToTheCommandsHelp() {
        CliRun cli = new CliRun();

        assertThat(cli.run("audit", "prove", "--bogus")).isEqualTo(2);

        assertThat(cli.err().lines().toList()).hasSize(2);
        assertThat(cli.err().lines().toList().get(0)).startsWith("agent-hub: ").contains("--bogus");
        assertThat(cli.err().lines().toList().get(1)).isEqualTo("Run 'agent-hub audit prove --help' for its options.");
    }

    @Test
    void aCommandPrintsNoDatabaseHousekeeping(@TempDir Path dataDir) throws Exception {
        // a hub's database, migrated, with nothing about the subject in it
        Database database = new Database(HubSettings.offline(null, dataDir).database());
        database.start();
        database.stop();

        OtherProcess export = OtherProcess.cli("subject", "export", "--id", "C-1001", "--data-dir", dataDir.toString());

        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.out()).isEmpty();
        assertThat(export.err().lines().toList()).as("standard error").singleElement().asString().startsWith("agent-hub: ");
    }

    /** The path of every command under the root, the root itself as an empty path. */
    private static List<List<String>> commands() {
        List<List<String>> paths = new ArrayList<>();
        collect(AgentHubCli.commandLine(), new ArrayList<>(), paths);
        return paths;
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (!sub.getKey().equals(sub.getValue().getCommandName())) {
                continue;  // an alias of a command already walked
            }
            List<String> deeper = new ArrayList<>(path);
            deeper.add(sub.getKey());
            collect(sub.getValue(), deeper, paths);
        }
    }

    private static void walk(CommandLine command, java.util.function.Consumer<CommandSpec> visit) {
        visit.accept(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> walk(sub, visit));
    }

    private static void checkSentences(String where, String[] description, List<String> problems) {
        String text = String.join(" ", description).replace("%n", " ").strip();
        if (text.isEmpty()) {
            problems.add(where + ": no description");
        } else if (!SENTENCE.matcher(text).matches()) {
            problems.add(where + ": \"" + text + "\"");
        }
    }

    private static boolean isStandardHelp(ArgSpec arg) {
        return arg.isOption() && (arg.command().optionsMap().get("--help") == arg || arg.command().optionsMap().get("--version") == arg);
    }

    private static String label(ArgSpec arg) {
        return arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
    }
}
