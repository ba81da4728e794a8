package io.agenthub.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jobs framework through its API, with the test job of src/test/resources/jobs-test/echo-job.camel.yaml: three
 * records a run, the third failing in its flow.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JobsEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("camel.main.routesIncludePattern", "file:routes/*.camel.yaml,file:connectors/*.camel.yaml,"
                    + "classpath:jobs-test/echo-job.camel.yaml")
            .with("hub.jobs.progress-every", "1");

    private String operator() {
        return hub.token("ops", Set.of(Role.OPERATOR), "demo-bank");
    }

    @Test
    @Order(1)
    void aRunDoesEachRecordOnceAndCountsWhatBecameOfIt() throws Exception {
        int flowsBefore = EchoJob.FLOWS_RUN.get();
        HttpResponse<String> started = post("/api/v1/jobs/echo/runs", "{\"dryRun\":false}", operator());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = RunningHub.json(started.body()).path("runId").asText();
        assertThat(runId).isNotBlank();

        JsonNode run = awaitEnd("echo", runId);
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("tenant").asText()).isEqualTo("demo-bank");
        assertThat(run.path("total").asInt()).isEqualTo(3);
        JsonNode counts = run.path("counts");
        assertThat(counts.path("processed").asInt()).isEqualTo(3);
        assertThat(counts.path("failed").asInt()).isEqualTo(1);
        assertThat(counts.path("skipped").asInt()).isZero();
        assertThat(EchoJob.FLOWS_RUN.get() - flowsBefore).isEqualTo(3);

        // Each record is a request of its own, answered, with its steps.
        JdbcTemplate db = new JdbcTemplate(hub.database());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE channel = 'job' AND correlation_id = ?",
                Integer.class, runId)).isEqualTo(3);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE correlation_id = ? AND status = 'FAILED'",
                Integer.class, runId)).isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request_step WHERE step IN ('job-run-started',"
                + " 'job-run-ended') AND detail_json LIKE ?", Integer.class, "%" + runId + "%")).isEqualTo(2);

        // A second run in the same cycle does none of them again.
        HttpResponse<String> again = post("/api/v1/jobs/echo/runs", "{\"dryRun\":false}", operator());
        JsonNode rerun = awaitEnd("echo", RunningHub.json(again.body()).path("runId").asText());
        assertThat(rerun.path("counts").path("skipped").asInt()).isEqualTo(3);
        assertThat(rerun.path("counts").path("processed").asInt()).isEqualTo(3);
        assertThat(EchoJob.FLOWS_RUN.get() - flowsBefore).isEqualTo(3);
    }

    @Test
    @Order(2)
    void aDryRunProposesWithoutAdmittingAnything() throws Exception {
        int flowsBefore = EchoJob.FLOWS_RUN.get();
        HttpResponse<String> started = post("/api/v1/jobs/echo/runs", "{\"dryRun\":true,\"tenant\":\"demo-bank\"}",
                operator());
        assertThat(started.statusCode()).isEqualTo(202);
        JsonNode run = awaitEnd("echo", RunningHub.json(started.body()).path("runId").asText());
        assertThat(run.path("dryRun").asBoolean()).isTrue();
        assertThat(run.path("counts").path("proposed").asInt()).isEqualTo(3);
        assertThat(EchoJob.FLOWS_RUN.get()).isEqualTo(flowsBefore);
    }

    @Test
    @Order(3)
    void aSecondRunWaitsForTheFirstAndTheListShowsTheLast() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        EchoJob.HOLD.set(hold);
        try {
            String insurerOperator = hub.token("ops2", Set.of(Role.OPERATOR), "demo-insurer");
            HttpResponse<String> first = post("/api/v1/jobs/echo/runs", "{}", insurerOperator);
            assertThat(first.statusCode()).isEqualTo(202);
            String runId = RunningHub.json(first.body()).path("runId").asText();
            HttpResponse<String> second = post("/api/v1/jobs/echo/runs", "{}", insurerOperator);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(second.body()).contains(runId);
            JsonNode running = RunningHub.json(get("/api/v1/jobs/echo/runs/" + runId, insurerOperator).body());
            assertThat(running.path("status").asText()).isEqualTo("running");
            hold.countDown();
            awaitEnd("echo", runId, insurerOperator);

            JsonNode jobs = RunningHub.json(get("/api/v1/jobs", insurerOperator).body());
            JsonNode echo = null;
            for (JsonNode job : jobs) {
                if (job.path("name").asText().equals("echo")) {
                    echo = job;
                }
            }
            assertThat(echo).as(jobs.toString()).isNotNull();
            assertThat(echo.path("cycle").asText()).isEqualTo("day");
            assertThat(echo.path("lastRuns")).hasSize(1);
            assertThat(echo.path("lastRuns").get(0).path("runId").asText()).isEqualTo(runId);
            assertThat(echo.path("lastRuns").get(0).path("tenant").asText()).isEqualTo("demo-insurer");
            // Another tenant's run is not the insurer's operator's to see.
            assertThat(jobs.toString()).doesNotContain("demo-bank");
        } finally {
            hold.countDown();
            EchoJob.HOLD.set(new CountDownLatch(0));
        }
    }

    @Test
    @Order(4)
    void whatAnOperatorMayNotAskIsRefusedWithAReason() throws Exception {
        assertThat(post("/api/v1/jobs/nosuch/runs", "{}", operator()).statusCode()).isEqualTo(404);
        HttpResponse<String> typo = post("/api/v1/jobs/echo/runs", "{\"dryrun\":true}", operator());
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(typo.body()).contains("dryrun");
        assertThat(post("/api/v1/jobs/echo/runs", "{\"dryRun\":\"yes\"}", operator()).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/jobs/echo/runs", "[1]", operator()).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/jobs/echo/runs", "{\"tenant\":\"demo-insurer\"}", operator()).statusCode())
                .isEqualTo(403);
        String reviewer = hub.token("rev", Set.of(Role.REVIEWER), "demo-bank");
        assertThat(post("/api/v1/jobs/echo/runs", "{}", reviewer).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/jobs", reviewer).statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/jobs/echo/runs/no-such-run", operator()).statusCode()).isEqualTo(404);
        HttpResponse<String> anonymous = hub.sendAsIs(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs")))
                .GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(5)
    void aScheduleStartsRunsAndIsListed() throws Exception {
        TemplatedRouteBuilder.builder(hub.camel(), "job-schedule")
                .routeId("echo-schedule-demo-bank")
                .parameter("job", "echo")
                .parameter("tenant", "demo-bank")
                .parameter("cron", "0/1 * * * * ?")
                .add();
        try {
            JdbcTemplate db = new JdbcTemplate(hub.database());
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            String runId = null;
            while (runId == null && Instant.now().isBefore(deadline)) {
                runId = db.query("SELECT run_id FROM hub_job_run WHERE started_by = 'schedule' AND tenant = 'demo-bank'"
                        + " AND status = 'completed'", rs -> rs.next() ? rs.getString(1) : null);
                Thread.sleep(200);
            }
            assertThat(runId).as("a run started by the schedule").isNotNull();
            JsonNode jobs = RunningHub.json(get("/api/v1/jobs", operator()).body());
            assertThat(jobs.toString()).contains("\"schedules\":[{\"tenant\":\"demo-bank\",\"cron\":\"0/1 * * * * ?\"}]");
        } finally {
            hub.camel().getRouteController().stopRoute("echo-schedule-demo-bank");
            hub.camel().removeRoute("echo-schedule-demo-bank");
        }
    }

    @Test
    @Order(6)
    void aRunACrashLeftRunningIsResumedAtTheNextStartWithoutDoingItsRecordsAgain() throws Exception {
        awaitNoRunRunning();
        hub.stop();
        // As a crash leaves it: written as running, never ended.
        JdbcTemplate db = new JdbcTemplate(hub.database());
        String cycle = db.queryForObject("SELECT MAX(cycle) FROM hub_job_run", String.class);
        db.update("INSERT INTO hub_job_run (run_id, job, tenant, cycle, dry_run, started_by, status, started_at)"
                + " VALUES ('crashed-run', 'echo', 'demo-bank', ?, FALSE, 'ops@agent-hub', 'running', CURRENT_TIMESTAMP)", cycle);
        int flowsBefore = EchoJob.FLOWS_RUN.get();
        hub.start();
        JsonNode run = awaitEnd("echo", "crashed-run");
        assertThat(run.path("status").asText()).isEqualTo("completed");
        assertThat(run.path("counts").path("skipped").asInt()).isEqualTo(3);
        assertThat(EchoJob.FLOWS_RUN.get()).isEqualTo(flowsBefore);
    }

    private void awaitNoRunRunning() throws InterruptedException {
        JdbcTemplate db = new JdbcTemplate(hub.database());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (db.queryForObject("SELECT COUNT(*) FROM hub_job_run WHERE status = 'running'", Integer.class) > 0) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private JsonNode awaitEnd(String job, String runId) throws Exception {
        return awaitEnd(job, runId, operator());
    }

    private JsonNode awaitEnd(String job, String runId, String token) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> run = get("/api/v1/jobs/" + job + "/runs/" + runId, token);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            JsonNode view = RunningHub.json(run.body());
            if (!view.path("status").asText().equals("running")) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end");
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).GET().build());
    }
}
