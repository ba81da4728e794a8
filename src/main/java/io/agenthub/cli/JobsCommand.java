package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code agent-hub jobs}: the back-office jobs of a running hub, as {@code /api/v1/jobs} offers them to an operator.
 * Without a subcommand it lists them.
 */
@Command(name = "jobs", mixinStandardHelpOptions = true,
        description = {"Back-office jobs of a running hub (collections, claims-intake): list them with their schedules and",
                "last runs, start a run (or a dry run, which proposes without acting), and follow a run's counts."},
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Run.class, JobsCommand.Status.class})
final class JobsCommand implements Callable<Integer> {

    private static final String PATH = "/api/v1/jobs";

    @Mixin
    OperatorHub hub;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ListJobs.print(hub, false, spec.commandLine().getOut());
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String counts(JsonNode counts) {
        return String.format("processed %d, contacted %d, skipped %d, failed %d, pending approval %d%s",
                counts.path("processed").asLong(), counts.path("contacted").asLong(), counts.path("skipped").asLong(),
                counts.path("failed").asLong(), counts.path("pendingApproval").asLong(),
                counts.path("proposed").asLong() > 0 ? ", proposed " + counts.path("proposed").asLong() : "");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Each job: its cycle, its schedule for each of your tenants, and its last run.")
    static final class ListJobs implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @Option(names = "--json", description = "Print the hub's JSON as it is.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return print(hub, json, spec.commandLine().getOut());
        }

        static int print(OperatorHub hub, boolean json, PrintWriter out) {
            JsonNode jobs = hub.client().get(PATH);
            if (json) {
                out.println(jobs.toPrettyString());
            } else if (jobs.isEmpty()) {
                out.println("This hub has no jobs.");
            } else {
                for (JsonNode job : jobs) {
                    out.printf("%s (one record at most once a %s)%n", job.path("name").asText(), job.path("cycle").asText());
                    for (JsonNode schedule : job.path("schedules")) {
                        out.printf("  schedule  %-14s %s%n", schedule.path("tenant").asText(), schedule.path("cron").asText());
                    }
                    for (JsonNode run : job.path("lastRuns")) {
                        out.printf("  last run  %-14s %s %s, started %s by %s: %s%n", run.path("tenant").asText(),
                                run.path("runId").asText(), run.path("status").asText(), run.path("startedAt").asText(),
                                run.path("startedBy").asText(), counts(run.path("counts")));
                    }
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Start a run of a job now. Each record is done at most once in the job's cycle, so a second run",
                    "in the same cycle does only what the first did not. Exit status 1 when --wait sees the run fail."})
    static final class Run implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job: collections or claims-intake.")
        String job;

        @Option(names = "--dry-run", description = "Work out and record what the run would do, without acting.")
        boolean dryRun;

        @Option(names = "--tenant", paramLabel = "TENANT", description = "The tenant to run it for (needed when you are an"
                + " operator of several).")
        String tenant;

        @Option(names = "--wait", description = "Follow the run until it ends, printing its counts.")
        boolean await;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            ObjectNode body = new ObjectMapper().createObjectNode().put("dryRun", dryRun);
            if (tenant != null) {
                body.put("tenant", tenant);
            }
            HubApiClient client = hub.client();
            JsonNode started = client.post(PATH + "/" + segment(job) + "/runs", body.toString());
            String runId = started.path("runId").asText();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("Started run %s of %s for %s (cycle %s%s).%n", runId, job, started.path("tenant").asText(),
                    started.path("cycle").asText(), dryRun ? ", dry run" : "");
            out.flush();
            if (!await) {
                return 0;
            }
            String path = PATH + "/" + segment(job) + "/runs/" + segment(runId);
            JsonNode run = client.get(path);
            Instant lastLine = Instant.EPOCH;
            while ("running".equals(run.path("status").asText())) {
                if (Duration.between(lastLine, Instant.now()).toSeconds() >= 5) {
                    out.printf("  running: %s%n", counts(run.path("counts")));
                    out.flush();
                    lastLine = Instant.now();
                }
                Thread.sleep(500);
                run = client.get(path);
            }
            out.printf("Run %s %s: %s%n", runId, run.path("status").asText(), counts(run.path("counts")));
            out.flush();
            return "failed".equals(run.path("status").asText()) ? 1 : 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "A run's status and counts.")
    static final class Status implements Callable<Integer> {
        @Mixin
        OperatorHub hub;

        @Parameters(index = "0", paramLabel = "JOB", description = "The job.")
        String job;

        @Parameters(index = "1", paramLabel = "RUN_ID", description = "The run, as `jobs run` printed it.")
        String runId;

        @Option(names = "--json", description = "Print the hub's JSON as it is.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            JsonNode run = hub.client().get(PATH + "/" + segment(job) + "/runs/" + segment(runId));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(run.toPrettyString());
            } else {
                out.printf("Run %s of %s for %s (cycle %s%s), started %s by %s: %s%n%s%n", runId, job,
                        run.path("tenant").asText(), run.path("cycle").asText(),
                        run.path("dryRun").asBoolean() ? ", dry run" : "", run.path("startedAt").asText(),
                        run.path("startedBy").asText(), run.path("status").asText(),
                        counts(run.path("counts")) + (run.has("total") ? " of " + run.path("total").asInt() + " found" : ""));
            }
            out.flush();
            return 0;
        }
    }
}
