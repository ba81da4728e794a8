package io.agenthub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.config.HubSettings;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "The chargeback reaches the sandbox exactly once, also across a kill -9 between approval and execution; a denied
 * action never reaches the back-end" (issue 22), with the packaged jar in separate processes: the sandbox with a state
 * folder of its own (its record of applied writes is the back-end's word, not the hub's), and the hub, killed with
 * SIGKILL and restarted on the same data directory.
 *
 * <p>Three disputes over the policy's amount (compliance/actions.yaml: raise-chargeback over 250 needs one approver)
 * wait for approval; then, before one kill:
 * <ul>
 *   <li><b>in flight</b> (C-1005, TX-100501-0008): approved; the sandbox takes the chargeback, applies it and drops
 *       every answer (a reply lost in transit), so the hub cannot know the outcome; the hub is killed as soon as the
 *       sandbox's record shows the chargeback, while the decision's execution is still retrying (its HTTP call has not
 *       answered). The restarted hub must send it again under the same idempotency key and the sandbox answer the
 *       first chargeback, not raise a second.</li>
 *   <li><b>not started</b> (C-1004, TX-100401-0003): approved, the approval committed (it reads {@code approved}), and
 *       the execution's call held by the sandbox before it acts; the hub is killed while it is held, so the back-end
 *       never applied it. What is exercised is "approval durable, execution not done": a kill strictly between the
 *       commit and the moment the hub sends the call cannot be hit from outside the process, but for the hub it is the
 *       same state (all it has durable is {@code approved}), and the held call, once its client is gone, is dropped
 *       by the sandbox rather than applied (checked: no chargeback until the restarted hub sends it).</li>
 *   <li><b>denied</b> (C-1005, TX-100501-0006): denied before the kill; after the restart and several sweeps, no
 *       chargeback.</li>
 * </ul>
 * The first hub's sweep (hub.approvals.sweep-period-ms) is ten minutes, so nothing but the decisions runs an action
 * before the kill; the restarted hub's is one second: its sweep re-executes the approved ones. Checked afterwards: the
 * sandbox's own record ({@code GET /sandbox/actions}) has exactly one chargeback per approved transaction under the
 * approval's key and none for the denied one, the approvals read {@code executed} / {@code denied}, the requests hold
 * their final answers ({@code completed} / {@code declined}), and {@code agent-hub audit verify} passes.
 * Logs and data stay under {@code target/approval-crash-it/}.
 */
@Tag("crash")
class ApprovalCrashIT {

    static final Duration HUB_START = Duration.ofSeconds(180);
    /** How long the sandbox holds the not-started chargeback: longer than it takes to approve the other and kill. */
    static final Duration HOLD_NOT_STARTED = Duration.ofSeconds(15);
    /**
     * How long the sandbox holds each call of the in-flight chargeback before applying it: under the connector's
     * 5 s response timeout (connectors/core-banking.properties), so the first call is applied, and long enough that the
     * hub's retries (two, 200 ms apart and doubling) are still going when the kill comes.
     */
    static final Duration HOLD_IN_FLIGHT = Duration.ofSeconds(2);
    static final String CHARGEBACKS = "/core-banking/transactions/";
    static final String RAISE_CHARGEBACK = "raise-chargeback";

    /** A customer disputing one booked payment (sandbox seed, connectors/sandbox/core-banking-seed.json). */
    record Dispute(String name, String customerId, String text, String transactionId) {
    }

    static final Dispute IN_FLIGHT = new Dispute("in flight", "C-1005",
            "There is a card payment of 420.00 pounds to Ashdown Tailors on 14 November 2026 that I did not make",
            "TX-100501-0008");
    static final Dispute NOT_STARTED = new Dispute("not started", "C-1004",
            "There is a payment of 412.66 euros to Holzhandel Brenner on 30 October 2026 that I did not make",
            "TX-100401-0003");
    static final Dispute DENIED = new Dispute("denied", "C-1005",
            "There is a payment of 1290.00 pounds to Cavendish Travel on 8 November 2026 that I did not make",
            "TX-100501-0006");

    /** What the test knows of each dispute: its request and approval, as the first hub answered. */
    record Held(Dispute dispute, String requestId, String approvalId) {
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void anApprovedChargebackReachesTheSandboxOnceAcrossAKillAndADeniedOneNever() throws Exception {
        Path dir = Path.of("target", "approval-crash-it").toAbsolutePath();
        HubProcesses.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path data = dir.resolve("data");

        try (JarProcess sandboxProcess = JarProcess.start("sandbox", dir.resolve("sandbox.log"), "sandbox",
                "--seed-dir", Path.of("connectors", "sandbox").toString(), "--state-dir", dir.resolve("sandbox-state").toString())) {
            String sandboxUrl = HubProcesses.awaitSandboxUrl(sandboxProcess);
            SandboxDoor sandbox = new SandboxDoor(sandboxUrl, json);
            int port = HubProcesses.freePort();
            // No broker acceptor: this test speaks HTTP only, and needs no TCP port of its own.
            String common = "hub.sandbox.enabled=false\nhub.sandbox.url=" + sandboxUrl + "\nhub.broker.acceptor=\n";
            Path firstConfig = Files.writeString(dir.resolve("hub-1.properties"),
                    common + "hub.approvals.sweep-period-ms=600000\n");
            Path restartConfig = Files.writeString(dir.resolve("hub-2.properties"),
                    common + "hub.approvals.sweep-period-ms=1000\n");
            HttpFrontDoor http = new HttpFrontDoor(port, json, HubSettings.offline(firstConfig, data));

            // 1. The first hub: three disputes wait for approval, one is denied, two are approved, and it is killed.
            Map<Dispute, Held> held = new LinkedHashMap<>();
            Map<Dispute, CompletableFuture<HttpResponse<String>>> decisions = new LinkedHashMap<>();
            Instant killedAt;
            String inFlightStateAtKill;
            Map<String, String> answeredAtKill;
            try (JarProcess hub = JarProcess.start("hub (first)", dir.resolve("hub-1.log"), hubArgs(data, port, firstConfig))) {
                log(hub + " healthy after " + HubProcesses.awaitHealthy(hub, http, HUB_START) + " ms");
                ApprovalDesk alice = new ApprovalDesk(port, json, HubSettings.offline(firstConfig, data), "alice");
                for (Dispute dispute : List.of(IN_FLIGHT, NOT_STARTED, DENIED)) {
                    held.put(dispute, submit(http, alice, dispute));
                }

                HttpResponse<String> denial = alice.decide(held.get(DENIED).approvalId(), "deny",
                        "the customer booked this trip").get();
                assertThat(denial.statusCode()).as(denial.body()).isEqualTo(200);
                assertThat(json.readTree(denial.body()).path("state").asText()).isEqualTo("denied");

                // Not started: its call is held by the sandbox; the approval is committed before the call is made.
                sandbox.delay(CHARGEBACKS + NOT_STARTED.transactionId(), HOLD_NOT_STARTED);
                decisions.put(NOT_STARTED, alice.decide(held.get(NOT_STARTED).approvalId(), "approve", "customer called"));
                await("the not-started approval committed").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                        .until(() -> alice.state(held.get(NOT_STARTED).approvalId()).equals("approved"));

                // In flight: applied by the sandbox, every answer to it lost; the hub retries under the same key.
                sandbox.delay(CHARGEBACKS + IN_FLIGHT.transactionId(), HOLD_IN_FLIGHT);
                sandbox.dropReplyAfterApply(CHARGEBACKS + IN_FLIGHT.transactionId(), 10);
                decisions.put(IN_FLIGHT, alice.decide(held.get(IN_FLIGHT).approvalId(), "approve", "customer called"));
                await("the in-flight chargeback applied by the sandbox").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> !sandbox.actions(RAISE_CHARGEBACK, IN_FLIGHT.transactionId()).isEmpty());
                inFlightStateAtKill = alice.state(held.get(IN_FLIGHT).approvalId());
                answeredAtKill = answered(decisions);
                hub.kill();
                killedAt = Instant.now();
            }
            log("killed -9: in-flight approval read '" + inFlightStateAtKill + "' just before; the decisions' HTTP calls then: "
                    + answeredAtKill);
            List<SandboxDoor.Applied> atKill = sandbox.actions();
            sandbox.clearFaults();

            // The kill came between approval and a confirmed execution: both approved, only the in-flight one applied.
            assertThat(inFlightStateAtKill).as("the in-flight approval just before the kill").isEqualTo("approved");
            assertThat(chargebacks(atKill, IN_FLIGHT)).as("in-flight chargebacks at the kill").hasSize(1);
            assertThat(chargebacks(atKill, NOT_STARTED)).as("not-started chargebacks at the kill").isEmpty();
            assertThat(chargebacks(atKill, DENIED)).as("denied chargebacks at the kill").isEmpty();

            // 2. The restarted hub on the same data: its sweep runs what was approved and not confirmed.
            SoftAssertions soft = new SoftAssertions();
            try (JarProcess restarted = JarProcess.start("hub (restarted)", dir.resolve("hub-2.log"),
                    hubArgs(data, port, restartConfig))) {
                log(restarted + " healthy after " + HubProcesses.awaitHealthy(restarted, http, HUB_START) + " ms");
                ApprovalDesk alice = new ApprovalDesk(port, json, HubSettings.offline(restartConfig, data), "alice");
                long started = System.nanoTime();
                // Settled either way (executed, or failed if the back-end refused what it was sent); checked below.
                await("the approved chargebacks run by the sweep").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(250)).until(() ->
                                !alice.state(held.get(IN_FLIGHT).approvalId()).equals("approved")
                                        && !alice.state(held.get(NOT_STARTED).approvalId()).equals("approved"));
                log("both settled " + (System.nanoTime() - started) / 1_000_000 + " ms after the restarted hub was healthy");
                // A call the killed hub left held at the sandbox is let go there after HOLD_NOT_STARTED; and the denied
                // one has had several sweeps to (wrongly) run: look at the sandbox's record only after both.
                Instant settled = later(killedAt.plus(HOLD_NOT_STARTED).plusSeconds(1), Instant.now().plusSeconds(3));
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), settled).toMillis()));

                List<SandboxDoor.Applied> after = sandbox.actions();
                log("sandbox chargebacks after the restart: " + after.stream()
                        .filter(a -> a.operation().equals(RAISE_CHARGEBACK)).toList());
                for (Dispute approved : List.of(IN_FLIGHT, NOT_STARTED)) {
                    Held h = held.get(approved);
                    soft.assertThat(chargebacks(after, approved)).as("chargebacks of %s (%s) at the sandbox",
                            approved.transactionId(), approved.name()).hasSize(1)
                            .allSatisfy(a -> assertThat(a.idempotencyKey()).startsWith("approval:" + h.approvalId() + ":"));
                    soft.assertThat(alice.state(h.approvalId())).as("%s approval's state", approved.name()).isEqualTo("executed");
                    JsonNode request = stored(http, h.requestId());
                    soft.assertThat(request.path("status").asText()).as("%s request's status", approved.name()).isEqualTo("COMPLETED");
                    soft.assertThat(request.path("reply").path("outcome").asText()).as("%s request's final answer", approved.name())
                            .isEqualTo("completed");
                    soft.assertThat(request.path("reply").path("message").asText()).as("%s request's final words", approved.name())
                            .startsWith("We have disputed the payment");
                }
                Held denied = held.get(DENIED);
                soft.assertThat(chargebacks(after, DENIED)).as("chargebacks of the denied %s at the sandbox",
                        DENIED.transactionId()).isEmpty();
                soft.assertThat(alice.state(denied.approvalId())).as("denied approval's state").isEqualTo("denied");
                soft.assertThat(stored(http, denied.requestId()).path("reply").path("outcome").asText())
                        .as("denied request's final answer").isEqualTo("declined");
                soft.assertThat(after.stream().filter(a -> a.operation().equals(RAISE_CHARGEBACK)).count())
                        .as("chargebacks at the sandbox in all").isEqualTo(2);
                soft.assertThat(restarted.stop(Duration.ofSeconds(90))).as("the restarted hub's exit code after SIGTERM")
                        .isIn(0, 143);
            }
            HubProcesses.Exit verify = HubProcesses.auditVerify(data, restartConfig, dir.resolve("audit-verify.log"));
            log("audit verify exit " + verify.code() + ": " + verify.tail());
            soft.assertThat(verify.code()).as("audit verify exit code").isEqualTo(0);
            soft.assertAll();
        }
    }

    private static String[] hubArgs(Path data, int port, Path config) {
        return new String[] {"run", "--data-dir", data.toString(), "--port", String.valueOf(port), "--config", config.toString()};
    }

    /** Sends the dispute; it must wait for one approver to approve its chargeback. */
    private Held submit(HttpFrontDoor http, ApprovalDesk desk, Dispute dispute) throws Exception {
        Answer answer = http.submit(dispute.customerId(), dispute.text(), "approval-crash-" + dispute.transactionId())
                .orElseThrow(() -> new IllegalStateException("no answer to the " + dispute.name() + " dispute"));
        assertThat(answer.outcome()).as("the %s dispute: %s", dispute.name(), answer.body()).isEqualTo("pending-approval");
        JsonNode action = answer.body().path("actions").path(0);
        assertThat(action.path("type").asText()).isEqualTo(RAISE_CHARGEBACK);
        assertThat(action.path("target").asText()).isEqualTo("transaction:" + dispute.transactionId());
        String approvalId = action.path("approvalId").asText();
        JsonNode approval = desk.approval(approvalId);
        assertThat(approval.path("state").asText()).isEqualTo("awaiting");
        assertThat(approval.path("policy").path("rule").asText()).isEqualTo("approve");
        assertThat(approval.path("requestId").asText()).isEqualTo(answer.requestId());
        return new Held(dispute, answer.requestId(), approvalId);
    }

    private JsonNode stored(HttpFrontDoor http, String requestId) throws Exception {
        HttpResponse<String> response = http.lookUp(requestId)
                .orElseThrow(() -> new IllegalStateException("GET /api/v1/requests/" + requestId + ": no answer"));
        return response.statusCode() == 200 ? json.readTree(response.body()) : json.createObjectNode();
    }

    private static List<SandboxDoor.Applied> chargebacks(List<SandboxDoor.Applied> applied, Dispute dispute) {
        return applied.stream().filter(a -> a.operation().equals(RAISE_CHARGEBACK)
                && a.targetId().equals(dispute.transactionId())).toList();
    }

    /** What each decision's HTTP call has answered so far (one that answered gives the approval's state). */
    private static Map<String, String> answered(Map<Dispute, CompletableFuture<HttpResponse<String>>> decisions) {
        Map<String, String> answered = new LinkedHashMap<>();
        decisions.forEach((dispute, call) -> answered.put(dispute.name(), !call.isDone() ? "no answer"
                : call.isCompletedExceptionally() ? "connection lost" : call.join().statusCode() + " " + call.join().body()
                .replaceAll(".*\"state\":\"([a-z]+)\".*", "state $1")));
        return answered;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void log(String line) {
        System.out.println("[approval-crash] " + line);
        System.out.flush();
    }
}
