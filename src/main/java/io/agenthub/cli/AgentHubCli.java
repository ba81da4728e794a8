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
        subcommands = {RunCommand.class, TrainCommand.class, ImportTunedCommand.class, EvalCommand.class, PredictCommand.class, ExtractCommand.class, BenchCommand.class, AuditCommand.class, PiiCommand.class, SubjectCommand.class, DeadLettersCommand.class, ComplianceCommand.class, SandboxCommand.class, TokenCommand.class, VersionCommand.class, CommandLine.HelpCommand.class})
public final class AgentHubCli implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        // No sub-command given: run the hub with its defaults.
        return new RunCommand().call();
    }

    public static void main(String[] args) {
        boolean runsTheHub = args.length == 0 || args[0].equals("run") || args[0].startsWith("-");
        if (!runsTheHub && System.getProperty("agent-hub.log-target") == null) {
            System.setProperty("agent-hub.log-target", "System.err");  // read by logback.xml, before the first log line
        }
        System.exit(commandLine().execute(args));
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
        return cli;
    }
}
