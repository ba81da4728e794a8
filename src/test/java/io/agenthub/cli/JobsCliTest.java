package io.agenthub.cli;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code agent-hub jobs} runs and follows a running hub's jobs through its HTTP interface, as an operator. */
class JobsCliTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("camel.main.routesIncludePattern", "file:routes/*.camel.yaml,file:connectors/*.camel.yaml,"
                    + "classpath:jobs-test/echo-job.camel.yaml");

    @Test
    void startsARunFollowsItToItsEndAndListsIt() {
        CliRun cli = new CliRun();
        String url = hub.url("");
        String dataDir = hub.dataDir().toString();

        // The CLI's own operator token holds both demo tenants: the tenant is named.
        assertThat(cli.run("jobs", "run", "echo", "--url", url, "--data-dir", dataDir)).isEqualTo(1);
        assertThat(cli.err()).contains("Name the tenant");

        cli.clearOut();
        assertThat(cli.run("jobs", "run", "echo", "--tenant", "demo-bank", "--dry-run", "--wait", "--url", url,
                "--data-dir", dataDir)).isZero();
        assertThat(cli.out()).contains("dry run").contains("completed: processed 3").contains("proposed 3");
        String runId = cli.out().lines().findFirst().orElseThrow().split(" ")[2];

        cli.clearOut();
        assertThat(cli.run("jobs", "status", "echo", runId, "--url", url, "--data-dir", dataDir)).isZero();
        assertThat(cli.out()).contains(runId, "demo-bank", "completed", "of 3 found");

        cli.clearOut();
        assertThat(cli.run("jobs", "--url", url, "--data-dir", dataDir)).isZero();
        assertThat(cli.out()).contains("echo (one record at most once a day)", "last run  demo-bank", runId);

        cli.clearOut();
        assertThat(cli.run("jobs", "status", "nosuch", runId, "--url", url, "--data-dir", dataDir)).isEqualTo(1);
        assertThat(cli.err()).contains("404");
    }
}
