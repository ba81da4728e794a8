package io.agenthub.cli;

import io.agenthub.RunningHub;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code agent-hub dead-letters} works a running hub's dead letters through its HTTP interface. */
class DeadLettersCliTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("connectors.core-banking.retries", "0");

    @Test
    void listsReplaysAndPurgesTheDeadLettersOfARunningHub() throws Exception {
        CliRun cli = new CliRun();
        String url = hub.url("");
        assertThat(cli.run("dead-letters", "purge", "--all", "--url", url, "--data-dir", hub.dataDir().toString())).isZero();
        hub.sandbox().faults().failNext("/core-banking/customers", 100, 503);
        String first = json(hub.postRequest(request("C-1002", "I lost my card", null)).body()).path("requestId").asText();
        json(hub.postRequest(request("C-1002", "my card was stolen", null)).body());
        hub.sandbox().faults().clear();
        cli.clearOut();

        assertThat(cli.run("dead-letters", "list", "--url", url, "--data-dir", hub.dataDir().toString())).isZero();
        assertThat(cli.out()).contains(first, "backend-unavailable", "hub", "front-door-http").doesNotContain("lost my card");
        String firstId = json(hub.get("/api/v1/dead-letters").body()).get(0).path("id").asText();

        cli.clearOut();
        assertThat(cli.run("dead-letters", "purge", "--id", firstId, "--url", url, "--data-dir", hub.dataDir().toString())).isZero();
        assertThat(cli.out()).contains("Purged 1 dead letters.");
        assertThat(cli.run("dead-letters", "replay", "--all", "--url", url, "--data-dir", hub.dataDir().toString())).isZero();
        assertThat(cli.out()).contains("Replayed 1 dead letters");
        cli.clearOut();
        assertThat(cli.run("dead-letters", "list", "--url", url, "--data-dir", hub.dataDir().toString())).isZero();
        assertThat(cli.out()).contains("No dead letters.");

        assertThat(cli.run("dead-letters", "replay", "--id", firstId, "--url", url, "--data-dir", hub.dataDir().toString())).isEqualTo(1);
        assertThat(cli.err()).contains("404");
    }

    @Test
    void aTokenThatIsNotAnOperatorsIsRefused() throws Exception {
        CliRun cli = new CliRun();
        String channel = hub.token("app", java.util.Set.of(io.agenthub.access.Role.CHANNEL), "demo-bank");

        assertThat(cli.run("dead-letters", "list", "--url", hub.url(""), "--token", channel)).isEqualTo(1);
        assertThat(cli.err()).contains("403").contains("operator");
        assertThat(cli.run("dead-letters", "list", "--url", hub.url(""), "--token", "not-a-token")).isEqualTo(1);
        assertThat(cli.err()).contains("401");
    }

    @Test
    void aHubThatCannotBeReachedIsOneClearLineAndExitOne() {
        CliRun cli = new CliRun();

        int exit = cli.run("dead-letters", "list", "--url", "http://127.0.0.1:" + AvailablePortFinder.getNextAvailable());

        assertThat(exit).isEqualTo(1);
        assertThat(cli.err()).contains("cannot reach the hub at http://127.0.0.1:").doesNotContain("Exception");
    }

    @Test
    void replayAndPurgeNeedAnIdOrAll() {
        CliRun cli = new CliRun();

        assertThat(cli.run("dead-letters", "purge", "--url", hub.url(""))).isEqualTo(2);
        assertThat(cli.run("dead-letters", "replay", "--id", "x", "--all", "--url", hub.url(""))).isEqualTo(2);
    }
}
