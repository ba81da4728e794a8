package io.agenthub.cli;

import io.agenthub.config.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * The {@code agent-hub} command line. With no sub-command it runs the hub, so that
 * {@code java -jar agent-hub.jar} does what a newcomer expects.
 */
@Command(name = "agent-hub",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "Agent Hub: agent workflows as Camel routes, with small language models in process.",
        subcommands = {RunCommand.class, TrainCommand.class, ImportTunedCommand.class, EvalCommand.class, PredictCommand.class, ExtractCommand.class, BenchCommand.class, AuditCommand.class, PiiCommand.class, SubjectCommand.class, DeadLettersCommand.class, JobsCommand.class, JmsCommand.class, ComplianceCommand.class, SandboxCommand.class, TracesCommand.class, TokenCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class AgentHubCli implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        // No sub-command given: run the hub with its defaults.
        return new RunCommand().call();
    }

    public static void main(String[] args) {
        boolean runsTheHub = args.length == 0 || args[0].equals("run") || args[0].startsWith("-");
        if (!runsTheHub) {
            // Read by logback.xml before the first log line: a command's output is what it prints, so the log goes to
            // standard error, and only warnings reach it (not the database's, pool's and broker's start-up notes).
            setIfAbsent("agent-hub.log-target", "System.err");
            setIfAbsent("agent-hub.log-level", "WARN");
        }
        System.exit(commandLine().execute(args));
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** The configured command line, shared by {@link #main} and tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AgentHubCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // A user sees one clear line, never a stack trace.
            cmd.getErr().println("agent-hub: " + ex.getMessage());
            return 1;
        });
        cli.setParameterExceptionHandler(AgentHubCli::badArguments);
        return cli;
    }

    /** Bad arguments: one line saying what is wrong, and one saying where the usage is; exit 2. */
    private static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        String path = command.getCommandSpec().qualifiedName();
        boolean hasSubcommands = !command.getSubcommands().isEmpty();
        String problem;
        if (ex instanceof CommandLine.UnmatchedArgumentException unmatched && hasSubcommands
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().get(0).startsWith("-")) {
            problem = "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        } else {
            String message = ex.getMessage().lines().findFirst().orElse("bad arguments").strip();
            problem = message.isEmpty() ? "bad arguments" : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        command.getErr().println("agent-hub: " + problem);
        command.getErr().println("Run '" + path + " --help' for " + (command.getParent() == null ? "the commands."
                : hasSubcommands ? "its commands." : "its options."));
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }
}
