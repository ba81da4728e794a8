package io.agenthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.agenthub.RunningHub;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.api.ApiDescription.Operation;
import io.agenthub.config.HubSettings;
import io.agenthub.jobs.EchoJob;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds the hub's own OpenAPI description ({@code GET /api/v1/openapi.json}) and the running hub to each other, as
 * {@code SandboxContractTest} does for the sandboxes' contracts: every {@code /api/v1} route the hub has is
 * documented and every documented operation is a route; every answer the hub gives here, successes and problems
 * alike, has a status its operation documents, a body valid against the documented schema (no undocumented field)
 * and only documented headers; and every documented answer is given at least once, or is listed in
 * {@link #notExercised} with the reason. Every call carries a token of a role its operation names, except those
 * that show what authentication refuses.
 */
class HubApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiDescription API = ApiDescription.load();
    /** Headers of HTTP itself, which the description leaves to RFC 9110. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("content-type", "content-length", "connection",
            "transfer-encoding", "date", "keep-alive");
    private static final String LOST_CARD = "I lost my card on the train";

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            // the shipped limits, so that 429 is provoked as a caller meets it
            .with("hub.limits.enabled", "true")
            // one failed read is a 502 at once, and a request waiting for its customer gives up quickly (503)
            .with("connectors.core-banking.retries", "0")
            .with("hub.flows.subject-wait-ms", "300")
            // the shipped jobs' routes come with their helpers' branches; this test job (no HTTP route of its own) has
            // the jobs API answer everything it can, and EchoJob.HOLD keeps a run running while the test needs one
            .with("camel.main.routesIncludePattern", "file:routes/*.camel.yaml,file:connectors/*.camel.yaml,"
                    + "classpath:jobs-test/echo-job.camel.yaml");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final SoftAssertions softly = new SoftAssertions();
    /** Every (operation, status) the hub was seen to answer, e.g. {@code POST /api/v1/requests 202}. */
    private final Set<String> exercised = new TreeSet<>();
    private EmbeddedIssuer issuer;

    @Test
    void everyApiRouteOfTheRunningHubIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> implemented = new TreeSet<>();
        for (Route route : hub.camel().getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint endpoint && endpoint.getPath().startsWith("/api/")) {
                String methods = endpoint.getHttpMethodRestrict();
                assertThat(methods).as("route %s restricts its methods", route.getRouteId()).isNotBlank();
                for (String method : methods.split(",")) {
                    implemented.add(method.strip().toUpperCase(Locale.ROOT) + " " + endpoint.getPath() + " " + route.getRouteId());
                }
            }
        }
        Set<String> documented = API.operations().stream().map(op -> op + " " + op.routeId())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(implemented).isEqualTo(documented);
    }

    @Test
    void theHubServesThisDescriptionToCallersWithoutAToken() throws Exception {
        Operation describe = operation("GET", "/api/v1/openapi.json");
        Answer served = new Call(describe).authorization(null).send();

        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).startsWith("application/json");
        assertThat(JSON.readTree(served.body())).isEqualTo(API.document());
        assertThat(API.document().path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(API.security(describe)).as("open to every caller").isEmpty();
        softly.assertAll();
    }

    @Test
    void everyOperationAnswersOnlyAsDocumentedAndEveryDocumentedAnswerIsGiven() throws Exception {
        HubSettings settings = new HubSettings(hub.camel().getPropertiesComponent());
        issuer = EmbeddedIssuer.load(settings.keyFiles(), settings.text("hub.auth.issuer", "agent-hub"),
                settings.text("hub.auth.audience", "agent-hub"), Clock.systemUTC());

        expect(200, new Call(operation("GET", "/api/v1/openapi.json")));
        Requests requests = submitting();
        lookingUp(requests);
        explainingAndContesting(requests);
        revealing();
        listingReviews();
        approving();
        pausingAutomation();
        workingDeadLetters();
        workingDataSubjects();
        runningJobs();
        refusingWhatNoOperationTakes(requests.completed());
        authenticating(requests.completed());
        flooding();
        softly.assertAll();

        Map<String, String> skipped = notExercised();
        Set<String> documented = new TreeSet<>();
        for (Operation op : API.operations()) {
            op.node().path("responses").fieldNames().forEachRemaining(status -> documented.add(op + " " + status));
        }
        assertThat(documented).as("documented answers the test lists as not exercised").containsAll(skipped.keySet());
        Set<String> expected = new TreeSet<>(documented);
        expected.removeAll(skipped.keySet());
        assertThat(exercised).as("answers given (beside those not exercised: %s)", skipped).isEqualTo(expected);
    }

    /** Documented answers this test does not provoke, and why; each is still checked wherever it is given. */
    private static Map<String, String> notExercised() {
        Map<String, String> skipped = new TreeMap<>();
        for (Operation op : API.operations()) {
            skipped.put(op + " 500", "no caller's input makes the hub fail; every failure it can name has its own status");
        }
        String resolution = "POST /api/v1/reviews/{reviewId}/resolution ";
        skipped.put(resolution + "202", "the re-run's back-end failures are POST /api/v1/requests's, provoked there");
        skipped.put(resolution + "502", "the re-run's back-end failures are POST /api/v1/requests's, provoked there");
        skipped.put(resolution + "503", "the re-run's back-end failures are POST /api/v1/requests's, provoked there");
        return skipped;
    }

    /** The requests the later steps look up, explain and contest. */
    private record Requests(String completed, String failed, String pending) {
    }

    private Requests submitting() throws Exception {
        Operation submit = operation("POST", "/api/v1/requests");
        String body = request("C-1001", LOST_CARD, "api-completed");
        Answer completed = new Call(submit).json(body).send();
        assertThat(completed.status()).as(completed.body()).isEqualTo(200);
        Answer replayed = new Call(submit).json(body).send();
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");

        expect(422, new Call(submit).json(request("C-1001", "My card was stolen", "api-completed")));
        expect(422, new Call(submit).json(body.replace("demo-bank", "no-such-bank")));
        expect(400, new Call(submit).json("{\"tenant\": \"demo-bank\", "));
        expect(400, new Call(submit).json("{}"));
        expect(400, new Call(submit).json(body.replace("\"app\"", "\"broker\"")));
        expect(413, new Call(submit).json(request("C-1001", "x".repeat(17_000), null)));
        expect(415, new Call(submit));

        // A block whose reply is lost in transit: the outcome is unknown, the answer pending.
        hub.sandbox().faults().dropReplyAfterApply("/core-banking/cards/CRD-1004-1", 5);
        Answer pending = expect(202, new Call(submit).json(request("C-1004", LOST_CARD, "api-pending")));
        hub.sandbox().faults().clear();

        hub.sandbox().faults().failNext("/core-banking/customers/C-1005", 5, 503);
        Answer failed = expect(502, new Call(submit).json(request("C-1005", LOST_CARD, "api-failed")));
        hub.sandbox().faults().clear();

        // Two requests while core banking is slow: the same key twice (409), the same customer twice (503).
        hub.sandbox().faults().delay("/core-banking/customers/C-1002", Duration.ofSeconds(2));
        hub.sandbox().faults().delay("/core-banking/customers/C-1003", Duration.ofSeconds(2));
        assertThat(concurrently(new Call(submit).json(request("C-1002", LOST_CARD, "api-in-progress")),
                new Call(submit).json(request("C-1002", LOST_CARD, "api-in-progress")))).contains(409);
        assertThat(concurrently(new Call(submit).json(request("C-1003", LOST_CARD, "api-busy-1")),
                new Call(submit).json(request("C-1003", LOST_CARD, "api-busy-2")))).contains(503);
        hub.sandbox().faults().clear();

        return new Requests(id(completed), id(failed), id(pending));
    }

    private void lookingUp(Requests requests) throws Exception {
        Operation lookup = operation("GET", "/api/v1/requests/{requestId}");
        for (String requestId : List.of(requests.completed(), requests.failed(), requests.pending())) {
            expect(200, new Call(lookup).path("requestId", requestId));
        }
        expect(404, new Call(lookup).path("requestId", UUID.randomUUID().toString()));
        expect(404, new Call(lookup).path("requestId", "not-a-request"));
    }

    private void explainingAndContesting(Requests requests) throws Exception {
        Operation explain = operation("GET", "/api/v1/requests/{requestId}/explanation");
        for (String requestId : List.of(requests.completed(), requests.failed(), requests.pending())) {
            expect(200, new Call(explain).path("requestId", requestId));
        }
        expect(404, new Call(explain).path("requestId", UUID.randomUUID().toString()));

        Operation contest = operation("POST", "/api/v1/requests/{requestId}/contest");
        expect(202, new Call(contest).path("requestId", requests.completed())
                .json("{\"statement\": \"I never asked for my card to be blocked\"}"));
        expect(400, new Call(contest).path("requestId", requests.completed()).json("{\"statement\": "));
        expect(400, new Call(contest).path("requestId", requests.completed()).json("{\"statement\": \"\"}"));
        expect(404, new Call(contest).path("requestId", UUID.randomUUID().toString()).json("{\"statement\": \"Why?\"}"));
    }

    /** A token of a request's text revealed to a person deciding about it; none that is not in its text. */
    private void revealing() throws Exception {
        Answer named = expect(200, new Call(operation("POST", "/api/v1/requests")).json(request("C-1001",
                "I lost my card on the train, this is Sarah Connor", "api-named")));
        String requestId = id(named);
        Operation reveal = operation("POST", "/api/v1/requests/{requestId}/reveal");
        Answer revealed = expect(200, new Call(reveal).path("requestId", requestId).json("{\"token\": \"<PERSON_1>\"}"));
        assertThat(JSON.readTree(revealed.body()).path("value").asText()).isEqualTo("Sarah Connor");
        expect(404, new Call(reveal).path("requestId", requestId).json("{\"token\": \"<PERSON_9>\"}"));
        expect(404, new Call(reveal).path("requestId", UUID.randomUUID().toString()).json("{\"token\": \"<PERSON_1>\"}"));
        expect(400, new Call(reveal).path("requestId", requestId).json("{\"token\": \"Sarah\"}"));
    }

    private void listingReviews() throws Exception {
        // a request no tier is sure of, referred to staff: with the contest, two items
        Answer referred = expect(200, new Call(operation("POST", "/api/v1/requests"))
                .json(request("C-1001", "What is the weather like in Paris tomorrow?", null)));
        assertThat(JSON.readTree(referred.body()).path("outcome").asText()).isEqualTo("referred");
        Operation reviews = operation("GET", "/api/v1/reviews");
        Answer listed = expect(200, new Call(reviews));
        assertThat(JSON.readTree(listed.body())).as("the contest and the referral are queued").hasSizeGreaterThan(1);
        Answer first = expect(200, new Call(reviews).query("status=PENDING&limit=1"));
        assertThat(first.header("Link")).as("a link to the next page").isNotNull();
        expect(200, new Call(reviews).query(first.header("Link").replaceAll("^<[^?]*\\?([^>]*)>.*$", "$1")));
        expect(400, new Call(reviews).query("limit=0"));
        expect(400, new Call(reviews).query("status=not%20a%20status"));
        expect(400, new Call(reviews).query("after=x"));

        Operation resolve = operation("POST", "/api/v1/reviews/{reviewId}/resolution");
        String referral = null;
        String contest = null;
        for (JsonNode item : JSON.readTree(listed.body())) {
            if (item.path("kind").asText().equals("contest")) {
                contest = item.path("reviewId").asText();
            } else {
                referral = item.path("reviewId").asText();
            }
        }
        expect(400, new Call(resolve).path("reviewId", referral).json("{\"note\": "));
        expect(400, new Call(resolve).path("reviewId", referral).json("{\"intent\": \"not_a_label\", \"note\": \"x\"}"));
        expect(404, new Call(resolve).path("reviewId", "999999999").json("{\"outOfScope\": true, \"note\": \"x\"}"));
        expect(200, new Call(resolve).path("reviewId", referral).json("{\"outOfScope\": true, \"note\": \"Weather\"}"));
        expect(409, new Call(resolve).path("reviewId", referral).json("{\"outOfScope\": true, \"note\": \"Weather\"}"));
        expect(200, new Call(resolve).path("reviewId", contest).json("{\"decision\": \"uphold\", \"note\": \"Stands\"}"));
        expect(404, new Call(resolve).path("reviewId", contest).json("{\"decision\": \"uphold\", \"note\": \"x\"}")
                .token(Role.REVIEWER, "demo-insurer"));
    }

    /**
     * A change of address waits for two approvers, neither of them the person who asked; a dispute over the policy's
     * amount waits for one, who denies it. Both requests answer {@code pending-approval} first, and their final
     * answer once people decided.
     */
    private void approving() throws Exception {
        Operation submit = operation("POST", "/api/v1/requests");
        Answer moved = expect(202, new Call(submit).json(request("C-1003",
                "I have moved house, please change my address to 12 High Street, Leeds LS1 4AB", "api-moved")));
        assertThat(JSON.readTree(moved.body()).path("outcome").asText()).isEqualTo("pending-approval");
        String moving = id(moved);
        String fourEyes = JSON.readTree(moved.body()).path("actions").get(0).path("approvalId").asText();
        Answer disputed = expect(202, new Call(submit).json(request("C-1005", "There is a card payment of 420.00 pounds"
                + " to Ashdown Tailors on 14 November 2026 that I did not make", "api-disputed")));
        String dispute = JSON.readTree(disputed.body()).path("actions").get(0).path("approvalId").asText();
        Operation lookup = operation("GET", "/api/v1/requests/{requestId}");
        expect(200, new Call(lookup).path("requestId", moving));
        expect(200, new Call(operation("GET", "/api/v1/requests/{requestId}/explanation")).path("requestId", moving));

        Operation list = operation("GET", "/api/v1/approvals");
        Answer first = expect(200, new Call(list).query("status=awaiting&limit=1"));
        assertThat(first.header("Link")).as("a link to the next page").isNotNull();
        expect(200, new Call(list).query(first.header("Link").replaceAll("^<[^?]*\\?([^>]*)>.*$", "$1")));
        expect(400, new Call(list).query("limit=0"));
        expect(400, new Call(list).query("status=undecided"));
        expect(400, new Call(list).query("after=x"));

        Operation get = operation("GET", "/api/v1/approvals/{approvalId}");
        expect(200, new Call(get).path("approvalId", fourEyes));
        expect(404, new Call(get).path("approvalId", UUID.randomUUID().toString()));
        expect(404, new Call(get).path("approvalId", fourEyes).token(Role.APPROVER, "demo-insurer"));

        Operation decide = operation("POST", "/api/v1/approvals/{approvalId}/decision");
        String approve = "{\"decision\": \"approve\", \"reason\": \"Customer verified on the phone\"}";
        expect(400, new Call(decide).path("approvalId", fourEyes).json("{\"decision\": \"maybe\", \"reason\": \"x\"}"));
        expect(400, new Call(decide).path("approvalId", fourEyes).json("{\"decision\": "));
        expect(404, new Call(decide).path("approvalId", UUID.randomUUID().toString()).json(approve));
        // This test's calls are one person's: who asked for the change may not approve it.
        expect(403, new Call(decide).path("approvalId", fourEyes).json(approve));
        Answer once = expect(200, new Call(decide).path("approvalId", fourEyes).json(approve)
                .by("api-contract-alice", Role.APPROVER, "demo-bank"));
        assertThat(JSON.readTree(once.body()).path("state").asText()).as(once.body()).isEqualTo("awaiting");
        expect(409, new Call(decide).path("approvalId", fourEyes).json(approve).by("api-contract-alice", Role.APPROVER, "demo-bank"));
        Answer twice = expect(200, new Call(decide).path("approvalId", fourEyes).json(approve)
                .by("api-contract-bob", Role.APPROVER, "demo-bank"));
        assertThat(JSON.readTree(twice.body()).path("state").asText()).as(twice.body()).isEqualTo("executed");
        Answer done = expect(200, new Call(lookup).path("requestId", moving));
        assertThat(JSON.readTree(done.body()).path("reply").path("outcome").asText()).isEqualTo("completed");

        Answer denied = expect(200, new Call(decide).path("approvalId", dispute).by("api-contract-alice", Role.APPROVER, "demo-bank")
                .json("{\"decision\": \"deny\", \"reason\": \"The customer paid this shop before\"}"));
        assertThat(JSON.readTree(denied.body()).path("state").asText()).as(denied.body()).isEqualTo("denied");
        Answer declined = expect(200, new Call(lookup).path("requestId", id(disputed)));
        assertThat(JSON.readTree(declined.body()).path("reply").path("outcome").asText()).isEqualTo("declined");
    }

    /** An operator pauses an action type for a tenant (once), lists the pauses and resumes it (once). */
    private void pausingAutomation() throws Exception {
        Operation pause = operation("POST", "/api/v1/automation/pauses");
        String body = "{\"tenant\": \"demo-bank\", \"action\": \"send-outreach\", \"reason\": \"Contract test\"}";
        Answer paused = expect(201, new Call(pause).json(body));
        String pauseId = JSON.readTree(paused.body()).path("pauseId").asText();
        expect(409, new Call(pause).json(body));
        expect(400, new Call(pause).json("{\"tenant\": \"demo-bank\", \"reason\": \"Neither flow nor action\"}"));
        expect(400, new Call(pause).json("{\"tenant\": \"demo-bank\", \"flow\": \"no-such-flow\", \"reason\": \"x\"}"));
        expect(403, new Call(pause).json(body).token(Role.OPERATOR, "demo-insurer"));
        Answer listed = expect(200, new Call(operation("GET", "/api/v1/automation/pauses")));
        assertThat(listed.body()).contains(pauseId);

        Operation resume = operation("DELETE", "/api/v1/automation/pauses/{pauseId}");
        expect(200, new Call(resume).path("pauseId", pauseId));
        expect(404, new Call(resume).path("pauseId", pauseId));
    }

    private void workingDeadLetters() throws Exception {
        // A JMS message no one can be answered about, refused before it was pseudonymised: kept, never replayable.
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        esb.send("jms:queue:hub.requests", (Exchange e) -> e.getMessage().setBody("{\"tenant\": \"demo-bank\"}"));
        esb.stop();
        Operation list = operation("GET", "/api/v1/dead-letters");
        await().atMost(Duration.ofSeconds(30)).until(() -> letters(list).stream().anyMatch(l -> !l.path("replayable").asBoolean()));
        List<JsonNode> letters = letters(list);
        String stuck = letters.stream().filter(l -> !l.path("replayable").asBoolean()).findFirst().orElseThrow().path("id").asText();
        String replayable = letters.stream().filter(l -> l.path("replayable").asBoolean()).findFirst().orElseThrow().path("id").asText();

        expect(200, new Call(list).query("limit=1"));
        expect(400, new Call(list).query("limit=1001"));

        Operation replay = operation("POST", "/api/v1/dead-letters/{id}/replay");
        expect(409, new Call(replay).path("id", stuck));
        expect(202, new Call(replay).path("id", replayable));
        expect(404, new Call(replay).path("id", replayable));
        expect(404, new Call(replay).path("id", "bad!id"));

        Operation purge = operation("DELETE", "/api/v1/dead-letters/{id}");
        expect(200, new Call(purge).path("id", stuck));
        expect(404, new Call(purge).path("id", stuck));

        expect(202, new Call(operation("POST", "/api/v1/dead-letters/replay")));
        expect(200, new Call(operation("DELETE", "/api/v1/dead-letters")));
    }

    private void workingDataSubjects() throws Exception {
        Operation export = operation("GET", "/api/v1/subjects/{subjectId}");
        expect(200, new Call(export).path("subjectId", "C-1001").query("tenant=demo-bank"));
        expect(200, new Call(export).path("subjectId", "C-1001"));
        expect(404, new Call(export).path("subjectId", "C-9999"));
        expect(404, new Call(export).path("subjectId", "C-1001").query("tenant=no-such-bank"));
        expect(400, new Call(export).path("subjectId", "C-1001").token(Role.COMPLIANCE, "demo-bank", "demo-insurer"));

        Operation erase = operation("POST", "/api/v1/subjects/{subjectId}/erasure");
        expect(400, new Call(erase).path("subjectId", "C-1002").json("{\"reason\": "));
        expect(400, new Call(erase).path("subjectId", "C-1002").json("{}"));
        expect(404, new Call(erase).path("subjectId", "C-9999").json("{\"reason\": \"ticket DPO-1\"}"));
        // Asked for by one compliance officer, run when a second approves it.
        Answer asked = expect(202, new Call(erase).path("subjectId", "C-1002").json("{\"reason\": \"ticket DPO-1\"}"));
        Answer erased = expect(200, new Call(operation("POST", "/api/v1/approvals/{approvalId}/decision"))
                .path("approvalId", JSON.readTree(asked.body()).path("approvalId").asText())
                .json("{\"decision\": \"approve\", \"reason\": \"Ticket DPO-1 checked\"}")
                .by("api-contract-officer", Role.COMPLIANCE, "demo-bank"));
        assertThat(JSON.readTree(erased.body()).path("state").asText()).as(erased.body()).isEqualTo("executed");
        expect(200, new Call(export).path("subjectId", "C-1002"));
    }

    /**
     * An operator lists the jobs, starts a run of the test job and follows it; a second start while it runs is
     * refused (the run waits on {@link EchoJob#HOLD} meanwhile); a dry run, a run for the operator's only tenant,
     * and the starts and look-ups that are refused.
     */
    private void runningJobs() throws Exception {
        Operation list = operation("GET", "/api/v1/jobs");
        Operation start = operation("POST", "/api/v1/jobs/{name}/runs");
        Operation follow = operation("GET", "/api/v1/jobs/{name}/runs/{runId}");
        expect(200, new Call(list));

        String run = "{\"dryRun\": false, \"tenant\": \"demo-bank\"}";
        String runId;
        CountDownLatch hold = new CountDownLatch(1);
        EchoJob.HOLD.set(hold);
        try {
            Answer started = expect(202, new Call(start).path("name", "echo").json(run));
            runId = JSON.readTree(started.body()).path("runId").asText();
            Answer busy = expect(409, new Call(start).path("name", "echo").json(run));
            assertThat(busy.body()).contains(runId);
            Answer running = expect(200, new Call(follow).path("name", "echo").path("runId", runId));
            assertThat(JSON.readTree(running.body()).path("status").asText()).isEqualTo("running");
            Answer listed = expect(200, new Call(list));
            assertThat(listed.body()).as("the running run is the job's last").contains(runId);
        } finally {
            hold.countDown();
            EchoJob.HOLD.set(new CountDownLatch(0));
        }
        JsonNode done = awaitRunEnd(follow, runId, "demo-bank");
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("counts").path("processed").asInt()).isEqualTo(3);
        expect(200, new Call(list));

        // A dry run; a run of an empty body, for an operator of one tenant only.
        Answer dry = expect(202, new Call(start).path("name", "echo").json("{\"dryRun\": true, \"tenant\": \"demo-bank\"}"));
        assertThat(awaitRunEnd(follow, JSON.readTree(dry.body()).path("runId").asText(), "demo-bank")
                .path("counts").path("proposed").asInt()).isEqualTo(3);
        Answer insurer = expect(202, new Call(start).path("name", "echo").token(Role.OPERATOR, "demo-insurer"));
        String insurerRun = JSON.readTree(insurer.body()).path("runId").asText();
        awaitRunEnd(follow, insurerRun, "demo-insurer");

        // This test's operator holds both tenants: a run names one.
        expect(400, new Call(start).path("name", "echo").json("{}"));
        expect(400, new Call(start).path("name", "echo").json("{\"dryrun\": true, \"tenant\": \"demo-bank\"}"));
        expect(400, new Call(start).path("name", "echo").json("{\"dryRun\": \"yes\", \"tenant\": \"demo-bank\"}"));
        expect(400, new Call(start).path("name", "echo").json("{\"dryRun\": true, \"dryRun\": false, \"tenant\": \"demo-bank\"}"));
        expect(400, new Call(start).path("name", "echo").json("{\"dryRun\": "));
        expect(403, new Call(start).path("name", "echo").json("{\"tenant\": \"demo-insurer\"}").token(Role.OPERATOR, "demo-bank"));
        expect(404, new Call(start).path("name", "no-such-job").json(run));
        // A token from an outside issuer may hold the role for a tenant the hub does not have.
        expect(422, new Call(start).path("name", "echo").json("{}").token(Role.OPERATOR, "no-such-bank"));

        expect(404, new Call(follow).path("name", "echo").path("runId", UUID.randomUUID().toString()));
        expect(404, new Call(follow).path("name", "no-such-job").path("runId", runId));
        expect(404, new Call(follow).path("name", "echo").path("runId", runId).token(Role.OPERATOR, "demo-insurer"));
        expect(404, new Call(follow).path("name", "echo").path("runId", insurerRun).token(Role.OPERATOR, "demo-bank"));
    }

    /** Follows a run, each look-up checked, until it is no longer running. */
    private JsonNode awaitRunEnd(Operation follow, String runId, String tenant) throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                !JSON.readTree(new Call(follow).path("name", "echo").path("runId", runId).token(Role.OPERATOR, tenant)
                        .sendUnchecked().body()).path("status").asText().equals("running"));
        return JSON.readTree(expect(200, new Call(follow).path("name", "echo").path("runId", runId)
                .token(Role.OPERATOR, tenant)).body());
    }

    /** What the HTTP server refuses before any route runs, for every operation. */
    private void refusingWhatNoOperationTakes(String requestId) throws Exception {
        for (Operation op : API.operations()) {
            expect(400, anywhere(op, requestId).requestLine("HTTP/1.2"));
            Call patch = anywhere(op, requestId).method("PATCH");
            // Only reading the description is open: another method on its path is authenticated first.
            expect(405, op.requiredRoles().isEmpty() ? patch.token(Role.OPERATOR, "demo-bank") : patch);
            expect(413, anywhere(op, requestId).json("\"" + "x".repeat(1_048_576) + "\""));
            expect(415, anywhere(op, requestId).body("hello", "text/plain"));
        }
    }

    /**
     * Every protected operation without a token and with one that is not valid (401), with a token of a role it does
     * not name (403); another tenant's request or data subject (404), a request for a tenant the token does not hold
     * (403); the description without a token (200).
     */
    private void authenticating(String requestId) throws Exception {
        for (Operation op : API.operations()) {
            if (op.requiredRoles().isEmpty()) {
                expect(200, new Call(op).authorization(null));
                continue;
            }
            expect(401, anywhere(op, requestId).authorization(null));
            expect(401, anywhere(op, requestId).authorization("Bearer not-a-token"));
            Role other = Arrays.stream(Role.values()).filter(r -> !op.requiredRoles().contains(r.claimValue())).findFirst().orElseThrow();
            expect(403, anywhere(op, requestId).token(other, "demo-bank"));
        }
        for (String path : List.of("/api/v1/requests/{requestId}", "/api/v1/requests/{requestId}/explanation")) {
            expect(404, new Call(operation("GET", path)).path("requestId", requestId).token(Role.CHANNEL, "demo-insurer"));
        }
        expect(404, new Call(operation("POST", "/api/v1/requests/{requestId}/contest")).path("requestId", requestId)
                .json("{\"statement\": \"Why?\"}").token(Role.CHANNEL, "demo-insurer"));
        expect(404, new Call(operation("GET", "/api/v1/subjects/{subjectId}")).path("subjectId", "C-1001")
                .query("tenant=demo-bank").token(Role.COMPLIANCE, "demo-insurer"));
        expect(403, new Call(operation("POST", "/api/v1/requests")).json(request("C-1001", LOST_CARD, null))
                .token(Role.CHANNEL, "demo-insurer"));
    }

    /** A call of the operation on ids that need not exist, for the answers given before any id is looked at. */
    private Call anywhere(Operation op, String requestId) {
        return new Call(op).path("requestId", requestId).path("id", "no-such-letter").path("subjectId", "C-1001")
                .path("reviewId", "0").path("approvalId", UUID.randomUUID().toString()).path("pauseId", "no-such-pause")
                .path("name", "no-such-job").path("runId", "no-such-run");
    }

    private List<JsonNode> letters(Operation list) throws Exception {
        Answer answer = expect(200, new Call(list));
        List<JsonNode> letters = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(letters::add);
        return letters;
    }

    /** Sends two calls at once; both answers are checked. Returns their statuses. */
    /** More requests at once than one caller's burst (compliance/tenants.yaml): some are refused 429. */
    private void flooding() {
        Operation submit = operation("POST", "/api/v1/requests");
        String flood = "Bearer " + issuer.issue("api-contract-flood", Role.CHANNEL, List.of("demo-bank"), Duration.ofHours(1));
        List<CompletableFuture<Answer>> answers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Call call = new Call(submit).json(request("C-1001", "what is my balance", null)).authorization(flood);
            answers.add(CompletableFuture.supplyAsync(call::sendUnchecked));
        }
        assertThat(answers.stream().map(a -> a.join().status()).toList()).contains(429);
    }

    private List<Integer> concurrently(Call first, Call second) {
        CompletableFuture<Answer> a = CompletableFuture.supplyAsync(first::sendUnchecked);
        CompletableFuture<Answer> b = CompletableFuture.supplyAsync(second::sendUnchecked);
        return List.of(a.join().status(), b.join().status());
    }

    private Answer expect(int status, Call call) throws Exception {
        Answer answer = call.send();
        assertThat(answer.status()).as("%s %s answered %s", call.method, call.uri(), answer.body()).isEqualTo(status);
        return answer;
    }

    private static String id(Answer answer) throws IOException {
        return JSON.readTree(answer.body()).path("requestId").asText();
    }

    private static Operation operation(String method, String path) {
        return API.operation(method, path).orElseThrow(() -> new AssertionError(method + " " + path + " is not documented"));
    }

    /** Checks an answer against the description and notes it as exercised. */
    private void conforms(Call call, Answer answer) {
        String path = call.op.path();
        Operation op = API.operation(call.method, path).orElse(null);
        List<Operation> accountable = op != null ? List.of(op)
                : API.operations().stream().filter(o -> o.path().equals(path)).toList();
        if (op == null) {
            // A method the path does not have: refused for the path, so each of its operations documents the 405.
            softly.assertThat(answer.status()).as("%s %s", call.method, path).isEqualTo(405);
        }
        for (Operation documented : accountable) {
            conforms(documented, call, answer);
        }
    }

    private void conforms(Operation op, Call call, Answer answer) {
        String what = call.method + " " + call.uri() + " (" + op + ")";
        JsonNode response = API.response(op, answer.status());
        if (response.isMissingNode()) {
            softly.fail("%s answered %d, which it does not document: %s", what, answer.status(), answer.body());
            return;
        }
        exercised.add(op + " " + answer.status());
        String mediaType = answer.header("Content-Type") == null ? null
                : answer.header("Content-Type").split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        JsonNode content = response.path("content");
        if (content.isEmpty()) {
            softly.assertThat(answer.body()).as("%s %d has no documented body", what, answer.status()).isEmpty();
        } else if (!content.has(mediaType)) {
            softly.fail("%s answered %d as %s, which it does not document", what, answer.status(), mediaType);
        } else {
            try {
                softly.assertThat(API.validateBody(op, answer.status(), mediaType, JSON.readTree(answer.body())))
                        .as("%s %d body %s", what, answer.status(), answer.body()).isEmpty();
            } catch (IOException e) {
                softly.fail("%s answered %d with a body that is not JSON: %s", what, answer.status(), answer.body());
            }
        }
        Map<String, JsonNode> documented = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.path("headers").fields().forEachRemaining(h -> documented.put(h.getKey(), API.resolve(h.getValue())));
        documented.forEach((name, header) -> {
            if (header.path("required").asBoolean()) {
                softly.assertThat(answer.header(name)).as("%s %d header %s", what, answer.status(), name).isNotNull();
            }
        });
        answer.headers().forEach((name, values) -> {
            if (TRANSPORT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                return;
            }
            if (!documented.containsKey(name)) {
                softly.fail("%s answered %d with header %s, which it does not document", what, answer.status(), name);
                return;
            }
            String declared = documented.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElseThrow();
            JsonNode value = "integer".equals(documented.get(name).path("schema").path("type").asText())
                    && values.get(0).matches("-?[0-9]{1,9}") ? IntNode.valueOf(Integer.parseInt(values.get(0)))
                    : TextNode.valueOf(values.get(0));
            softly.assertThat(API.validateHeader(op, answer.status(), declared, value))
                    .as("%s %d header %s: %s", what, answer.status(), name, values).isEmpty();
        });
    }

    /** What the hub answered. */
    private record Answer(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** One call of an operation, with a token of the first role it names for the demo bank unless told otherwise. */
    private final class Call {

        private final Operation op;
        private String method;
        private String path;
        private String query = "";
        private String body;
        private String contentType;
        private String authorization;
        private String httpVersion;

        Call(Operation op) {
            this.op = op;
            this.method = op.method().toUpperCase(Locale.ROOT);
            this.path = op.path();
            if (!op.requiredRoles().isEmpty()) {
                // an operator of every tenant also works the dead letters of no known tenant
                Role role = Role.of(op.requiredRoles().get(0));
                if (role == Role.OPERATOR) {
                    token(role, "demo-bank", "demo-insurer");
                } else {
                    token(role, "demo-bank");
                }
            }
        }

        Call path(String parameter, String value) {
            path = path.replace("{" + parameter + "}", value.replace(" ", "%20"));
            return this;
        }

        Call query(String query) {
            this.query = "?" + query;
            return this;
        }

        Call json(String body) {
            return body(body, "application/json");
        }

        Call body(String body, String contentType) {
            this.body = body;
            this.contentType = contentType;
            return this;
        }

        Call method(String method) {
            this.method = method;
            return this;
        }

        /** A token of this test's one person ({@code api-contract-test}), who also submits the requests. */
        Call token(Role role, String... tenants) {
            return by("api-contract-test", role, tenants);
        }

        /** A token of another person: approvals need people other than the one who asked. */
        Call by(String person, Role role, String... tenants) {
            return authorization("Bearer " + issuer.issue(person, role, List.of(tenants), Duration.ofHours(1)));
        }

        Call authorization(String value) {
            this.authorization = value;
            return this;
        }

        /** Sent over a socket with this version in its request line, which no HTTP client would send. */
        Call requestLine(String version) {
            this.httpVersion = version;
            return this;
        }

        String uri() {
            return path + query;
        }

        Answer send() throws IOException, InterruptedException {
            Answer answer = httpVersion != null ? sendRaw() : sendHttp();
            conforms(this, answer);
            return answer;
        }

        Answer sendUnchecked() {
            try {
                return send();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private Answer sendHttp() throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(uri()))).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().map(), response.body());
        }

        private Answer sendRaw() throws IOException {
            URI base = URI.create(hub.url("/"));
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(30_000);
                String head = method + " " + uri() + " " + httpVersion + "\r\nHost: " + base.getHost() + "\r\n"
                        + (authorization != null ? "Authorization: " + authorization + "\r\n" : "") + "\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                // The server answers and closes the connection.
                String raw = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
                int end = raw.indexOf("\r\n\r\n");
                String[] lines = raw.substring(0, end).split("\r\n");
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (int i = 1; i < lines.length; i++) {
                    String[] header = lines[i].split(":", 2);
                    headers.computeIfAbsent(header[0].strip(), k -> new ArrayList<>()).add(header[1].strip());
                }
                return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(end + 4));
            }
        }

        private static byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
