package io.agenthub.claims;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import io.agenthub.sandbox.SandboxActions;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims intake through the whole hub: notice files dropped in demo-insurer's inbox, a run of the job claims-intake, and
 * what became of each at the insurance sandbox, in the request ledger and in the folder.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClaimsIntakeEndToEndTest {

    /** Below the approval amount: 850 claimed, less 250 deductible, 600 paid after the check. */
    static final String PAID = "Policy POL-HOM-200117. On 20 November 2026 a pipe burst in the kitchen and there is"
            + " water damage to the floor. The repair costs 850 EUR.\n";
    /** Above it: 2350 less 300 is 2050, for a person to approve. */
    static final String APPROVE = "{\"policyNumber\":\"POL-MOT-100234\",\"dateOfLoss\":\"2026-11-18\",\"lossType\":\"COLLISION\","
            + "\"amount\":2350.00,\"currency\":\"EUR\",\"description\":\"Rear-ended at a red light; bumper and tailgate dented.\"}";
    /** No date: a request for information. */
    static final String NO_DATE = "Policy number POL-HOM-200389. A burst pipe flooded the kitchen, repair estimate 1200 GBP.\n";

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            // the schedule stays out of the way: runs here start on demand
            .with("hub.jobs.claims-intake.demo-insurer.cron", "0 0 0 1 1 ? 2099")
            .with("hub.claims.max-file-bytes", "4096");

    private static String operator() {
        return hub.token("claims-ops", Set.of(Role.OPERATOR), "demo-insurer");
    }

    static Path inbox() {
        return hub.dataDir().resolve("claims").resolve("inbox").resolve("demo-insurer");
    }

    @Test
    @Order(1)
    void threeNoticesBecomeAPayoutAPendingApprovalAndARequestForInformationEachOnce() throws Exception {
        Files.createDirectories(inbox());
        Files.writeString(inbox().resolve("burst-pipe.txt"), PAID);
        Files.writeString(inbox().resolve("rear-ended.json"), APPROVE);
        Files.writeString(inbox().resolve("no-date.txt"), NO_DATE);
        Files.writeString(inbox().resolve("burst-pipe-again.txt"), PAID);   // the same bytes: done once
        long paymentsBefore = actions("pay-claim").size();

        JsonNode run = runAndAwait(false);

        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
        JsonNode counts = run.path("counts");
        // A run counts a record once: the second file of the same bytes is the same record (and is not run again).
        assertThat(counts.path("processed").asInt()).as(counts.toString()).isEqualTo(3);
        assertThat(counts.path("pendingApproval").asInt()).isEqualTo(1);
        assertThat(counts.path("failed").asInt()).isZero();

        Map<String, String> outcomes = outcomesByText();
        assertThat(outcomes).as(new JdbcTemplate(hub.database()).queryForList("SELECT request_text, status, reply_json"
                        + " FROM hub_request WHERE channel = 'job'").toString()).containsEntry("POL-HOM-200117", "completed")
                .containsEntry("Rear-ended", "pending-approval")
                .containsEntry("POL-HOM-200389", "needs-information");
        // One payout, of 600 (850 less the 250 deductible), and one letter from the template of v1.
        List<SandboxActions.Action> payments = actions("pay-claim");
        assertThat(payments).hasSize((int) paymentsBefore + 1);
        String claim = payments.get(payments.size() - 1).targetId();
        JsonNode paid = RunningHub.json(hub.sandboxGet("/insurance/claims/" + claim).body());
        assertThat(paid.path("status").asText()).isEqualTo("SETTLED");
        assertThat(paid.path("settledAmount").decimalValue()).isEqualByComparingTo("600.00");
        JsonNode letters = RunningHub.json(hub.sandboxGet("/insurance/claims/" + claim + "/letters").body());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("template").asText()).isEqualTo("claim-paid");
        assertThat(letters.get(0).path("templateVersion").asText()).isEqualTo("v1");
        assertThat(letters.get(0).path("text").asText()).contains(claim).contains("600.00 EUR").contains("250.00 EUR");
        // The pending one waits for a person; the request for information asks for the date.
        JdbcTemplate db = new JdbcTemplate(hub.database());
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_approval WHERE action_type = 'pay-claim' AND state = 'AWAITING'",
                Integer.class)).isEqualTo(1);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE reply_json LIKE ?", Integer.class,
                "%the date the loss happened%")).isEqualTo(1);
        // Every file left the inbox: all four to done/ (the duplicate too: it was handled, by being skipped).
        assertThat(names(inbox())).isEmpty();
        assertThat(names(inbox().resolve("done"))).containsExactlyInAnyOrder("burst-pipe.txt", "rear-ended.json",
                "no-date.txt", "burst-pipe-again.txt");

        // Dropped again, the same notice is skipped, and nothing is paid twice.
        Files.writeString(inbox().resolve("burst-pipe.txt"), PAID);
        JsonNode again = runAndAwait(false);
        assertThat(again.path("counts").path("skipped").asInt()).isEqualTo(1);
        assertThat(actions("pay-claim")).hasSize((int) paymentsBefore + 1);
    }

    @Test
    @Order(2)
    void hostileFilesGoToErrorWithTheirReasonAndNothingElseHappens() throws Exception {
        Files.createDirectories(inbox());
        Files.write(inbox().resolve("binary.txt"), new byte[] {'P', 'o', 'l', 0, 1, 2, 3, (byte) 0xff});
        Files.write(inbox().resolve("bad-utf8.txt"), new byte[] {'P', 'o', 'l', 'i', 'c', 'y', ' ', (byte) 0xC3, '(', '\n'});
        Files.writeString(inbox().resolve("huge.txt"), "a".repeat(5000));
        Files.writeString(inbox().resolve("notice.pdf"), "%PDF-1.7");
        Files.writeString(inbox().resolve("broken.json"), "{\"policyNumber\": ");
        Files.writeString(inbox().resolve("other-tenant.json"), "{\"tenant\":\"demo-bank\",\"text\":\"Policy POL-HOM-200117\"}");
        int requestsBefore = requestCount();

        JsonNode run = runAndAwait(false);

        assertThat(run.path("counts").path("failed").asInt()).as(run.toString()).isEqualTo(6);
        assertThat(requestCount()).isEqualTo(requestsBefore);
        Path error = inbox().resolve("error");
        assertThat(Files.readString(error.resolve("binary.txt.reason.txt"))).contains("not UTF-8");
        assertThat(Files.readString(error.resolve("bad-utf8.txt.reason.txt"))).contains("not UTF-8");
        assertThat(Files.readString(error.resolve("huge.txt.reason.txt"))).contains("more than hub.claims.max-file-bytes");
        assertThat(Files.readString(error.resolve("notice.pdf.reason.txt"))).contains(".pdf are not read");
        assertThat(Files.readString(error.resolve("broken.json.reason.txt"))).contains("not valid JSON");
        assertThat(Files.readString(error.resolve("other-tenant.json.reason.txt"))).contains("another tenant");
        assertThat(names(error)).contains("binary.txt", "bad-utf8.txt", "huge.txt", "notice.pdf", "broken.json",
                "other-tenant.json");
        assertThat(names(inbox())).isEmpty();
    }

    @Test
    @Order(3)
    void aNoticeOnJmsIsAuthenticatedAndBecomesARequestOnce() throws Exception {
        String body = "{\"tenant\":\"demo-insurer\",\"text\":\"Policy POL-LIA-400092: on 2 December 2026 our apprentice"
                + " damaged their client's floor, liability claim of 400 EUR.\"}";
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        try {
            esb.send("jms:queue:hub.claims", e -> {
                e.getMessage().setBody(body);
                e.getMessage().setHeader("Authorization", hub.channelAuthorization("demo-insurer"));
            });
            // Without a caller the message is refused, never written to the inbox.
            esb.send("jms:queue:hub.claims", e -> e.getMessage().setBody(body.replace("400 EUR", "900 EUR")));
        } finally {
            esb.stop();
        }
        JdbcTemplate db = new JdbcTemplate(hub.database());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE"
                + " request_text LIKE '%POL-LIA-400092%' AND status <> 'IN_PROGRESS'", Integer.class) < 1) {
            Thread.sleep(200);
        }
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE request_text LIKE '%POL-LIA-400092%'",
                Integer.class)).isEqualTo(1);
        // Below the deductible of 1000: the claim is registered, nothing is paid.
        assertThat(outcomesByText()).containsEntry("apprentice", "completed");
        assertThat(actions("pay-claim").stream().filter(a -> a.targetId().startsWith("CLM")).count())
                .isEqualTo(actions("pay-claim").size());
        assertThat(names(inbox().resolve("done")).stream().filter(n -> n.startsWith("jms-")).count()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void anApprovedSettlementIsPaidOnceWithItsLetter() throws Exception {
        JdbcTemplate db = new JdbcTemplate(hub.database());
        String approvalId = db.queryForObject("SELECT approval_id FROM hub_approval WHERE action_type = 'pay-claim'"
                + " AND state = 'AWAITING'", String.class);
        String approver = hub.token("alice", Set.of(Role.APPROVER), "demo-insurer");

        HttpResponse<String> decided = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/approvals/" + approvalId
                        + "/decision"))).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + approver)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\",\"reason\":\"photos seen\"}")).build());

        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(RunningHub.json(decided.body()).path("state").asText()).isEqualTo("executed");
        SandboxActions.Action payout = actions("pay-claim").get(actions("pay-claim").size() - 1);
        JsonNode claim = RunningHub.json(hub.sandboxGet("/insurance/claims/" + payout.targetId()).body());
        assertThat(claim.path("policyNumber").asText()).isEqualTo("POL-MOT-100234");
        assertThat(claim.path("settledAmount").decimalValue()).isEqualByComparingTo("2050.00");
        assertThat(payout.idempotencyKey()).startsWith("approval:" + approvalId);
        JsonNode letters = RunningHub.json(hub.sandboxGet("/insurance/claims/" + payout.targetId() + "/letters").body());
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("text").asText()).contains("2050.00 EUR").contains("300.00 EUR");
        assertThat(outcomesByText()).containsEntry("Rear-ended", "completed");
    }

    @Test
    @Order(5)
    void aCustomersOwnWordsWithoutAPolicyNumberOpenAClaimOnTheirPolicyThatFits() throws Exception {
        // As the insurer's front door passes a customer's report: their id, their words, no policy number, no amount.
        Files.writeString(inbox().resolve("app-report.json"),
                "{\"subjectId\":\"C-1001\",\"text\":\"A pipe burst yesterday and flooded the kitchen.\"}");
        int filedBefore = (int) hub.sandbox().actions().after(0).stream().filter(a -> a.operation().equals("file-claim")).count();

        runAndAwait(false);

        // C-1001 holds a motor and a home policy: only the home one covers water damage, so the claim is opened on it
        // and, without an amount, goes to an adjuster.
        List<SandboxActions.Action> filed = hub.sandbox().actions().after(0).stream()
                .filter(a -> a.operation().equals("file-claim")).toList();
        assertThat(filed).hasSize(filedBefore + 1);
        assertThat(filed.get(filed.size() - 1).targetId()).isEqualTo("POL-HOM-200117");
        JdbcTemplate db = new JdbcTemplate(hub.database());
        String reply = db.queryForObject("SELECT reply_json FROM hub_request WHERE subject_id = 'C-1001' AND request_text"
                + " LIKE '%flooded the kitchen%'", String.class);
        assertThat(RunningHub.json(reply).path("outcome").asText()).isEqualTo("referred");
        assertThat(RunningHub.json(reply).path("message").asText()).startsWith("We have opened claim CLM-");
    }

    @Test
    @Order(6)
    void aDryRunChecksEachFileAndMovesOrAdmitsNone() throws Exception {
        Files.writeString(inbox().resolve("dry.txt"), "Policy POL-HOM-200117. On 1 December 2026 a storm broke a window,"
                + " 300 EUR.\n");
        Files.write(inbox().resolve("dry-binary.txt"), new byte[] {0, 1, 2});
        int requestsBefore = requestCount();
        long writesBefore = hub.sandbox().actions().after(0).size();

        JsonNode run = runAndAwait(true);

        assertThat(run.path("dryRun").asBoolean()).isTrue();
        assertThat(run.path("total").asInt()).isEqualTo(2);
        assertThat(run.path("counts").path("proposed").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(run.path("counts").path("failed").asInt()).isEqualTo(1);
        assertThat(requestCount()).isEqualTo(requestsBefore);
        assertThat(hub.sandbox().actions().after(0)).hasSize((int) writesBefore);
        assertThat(names(inbox())).containsExactlyInAnyOrder("dry.txt", "dry-binary.txt");
        assertThat(Files.exists(inbox().resolve("error").resolve("dry-binary.txt.reason.txt"))).isFalse();
    }

    @Test
    @Order(20)
    void aFileDroppedInTheInboxItselfIsTheDefaultTenantsAndTakenOnce() throws Exception {
        Path root = inbox().getParent();
        Files.writeString(root.resolve("loose.txt"), "Policy POL-HOM-200117. On 2 December 2026 hail broke the"
                + " conservatory roof. Estimated cost EUR 400.");
        JsonNode run = runAndAwait(false);
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(names(root)).isEmpty();
        assertThat(names(inbox().resolve("done"))).contains("loose.txt");
    }

    private static int requestCount() {
        return new JdbcTemplate(hub.database()).queryForObject("SELECT COUNT(*) FROM hub_request", Integer.class);
    }

    /** Each claim request's outcome, by words its text holds. */
    private static Map<String, String> outcomesByText() throws Exception {
        JdbcTemplate db = new JdbcTemplate(hub.database());
        Map<String, String> outcomes = new java.util.HashMap<>();
        for (Map<String, Object> row : db.queryForList("SELECT request_text, reply_json FROM hub_request WHERE channel = 'job'")) {
            String text = String.valueOf(row.get("REQUEST_TEXT"));
            // (the stored text is pseudonymised: a policy number may be a token there, the words around it are not)
            for (String marker : List.of("POL-HOM-200117", "Rear-ended", "POL-HOM-200389", "apprentice")) {
                if (text.contains(marker) && row.get("REPLY_JSON") != null) {
                    outcomes.put(marker, RunningHub.json(String.valueOf(row.get("REPLY_JSON"))).path("outcome").asText());
                }
            }
        }
        return outcomes;
    }

    private static List<SandboxActions.Action> actions(String operation) {
        return hub.sandbox().actions().after(0).stream().filter(a -> a.operation().equals(operation)).toList();
    }

    private static List<String> names(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".reason.txt")).collect(Collectors.toList());
        }
    }

    static JsonNode runAndAwait(boolean dryRun) throws Exception {
        HttpResponse<String> started = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs/claims-intake/runs")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operator())
                .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\":" + dryRun + "}", StandardCharsets.UTF_8)).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = RunningHub.json(started.body()).path("runId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> view = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs/claims-intake/runs/" + runId)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operator()).GET().build());
            JsonNode run = RunningHub.json(view.body());
            if (!run.path("status").asText().equals("running")) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + runId + " did not end");
    }
}
