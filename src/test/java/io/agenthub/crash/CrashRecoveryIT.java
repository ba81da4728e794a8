package io.agenthub.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.config.HubSettings;
import io.agenthub.crash.AnswerBook.Phase;
import io.agenthub.crash.KeyedRequest.Channel;
import io.agenthub.secrets.KeyFiles;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Kills the hub with SIGKILL under keyed load over HTTP and JMS, restarts it on the same data, re-sends
 * every request with its key, and checks what a bank would: no answer a client saw is lost or changed,
 * no key stays in progress, no card is blocked twice (by the sandbox's own record of actions, not the
 * hub's word), every JMS request is answered, and the audit log still verifies.
 *
 * <p>It runs the packaged jar in separate processes (the sandbox with a seed of its own, then the hub),
 * so it is an integration test run by failsafe in {@code mvn verify}; {@code -DskipITs} skips it. The
 * seed (logged; {@code -Dcrash.seed=N} repeats a run) decides the requests and the moment of the kill.
 * Logs and data stay under {@code target/crash-it/seed-N/}.
 */
@Tag("crash")
class CrashRecoveryIT {

    static final int HTTP_CLIENTS = 16;
    static final int HTTP_CUSTOMERS = 140;
    static final int JMS_CUSTOMERS = 40;
    static final int SAME_KEY_TWICE = 12;
    static final int SECOND_KEYS = 10;
    static final Duration HUB_START = Duration.ofSeconds(240);
    static final Duration SETTLE = Duration.ofSeconds(Long.getLong("crash.settle-seconds", 60));
    /** How long the restarted hub has to answer the JMS requests it had accepted before the kill, unasked. */
    static final Duration REDELIVERY = Duration.ofSeconds(30);

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aHubKilledUnderLoadLosesNoAnswerLeavesNoKeyStuckAndRepeatsNoAction() throws Exception {
        long seed = Long.getLong("crash.seed", System.currentTimeMillis());
        Random random = new Random(seed);
        log("seed " + seed + " (repeat with -Dcrash.seed=" + seed + ")");
        Path dir = Path.of("target", "crash-it", "seed-" + seed).toAbsolutePath();
        HubProcesses.deleteRecursively(dir);
        CrashSeed.write(dir.resolve("seed"), HTTP_CUSTOMERS + JMS_CUSTOMERS, json);
        LoadPlan plan = LoadPlan.draw(random, HTTP_CUSTOMERS, JMS_CUSTOMERS, SAME_KEY_TWICE, SECOND_KEYS);
        CrashFindings findings = new CrashFindings();
        findings.keys = plan.byKey().size();
        AnswerBook book = new AnswerBook();

        try (JarProcess sandbox = JarProcess.start("sandbox", dir.resolve("sandbox.log"),
                "sandbox", "--seed-dir", dir.resolve("seed").toString())) {
            String sandboxUrl = HubProcesses.awaitSandboxUrl(sandbox);
            int port = HubProcesses.freePort();
            String broker = "tcp://127.0.0.1:" + HubProcesses.freePort();
            Path config = Files.writeString(dir.resolve("hub.properties"), String.join("\n",
                    "hub.sandbox.enabled=false",
                    "hub.sandbox.url=" + sandboxUrl,
                    "hub.broker.acceptor=" + broker, ""));
            String[] hubArgs = {"run", "--data-dir", dir.resolve("data").toString(), "--port", String.valueOf(port),
                    "--config", config.toString()};
            // The ESB logs in to the broker as a channel of the demo bank, with a token of the hub's own issuer (its
            // key is made here, in the data directory the hub will use, as `agent-hub token` would make it).
            String token = EmbeddedIssuer.load(new KeyFiles(dir.resolve("data/keys"), dir.resolve("data")), "agent-hub", "agent-hub",
                    Clock.systemUTC()).issue("crash-esb", Role.CHANNEL, List.of("demo-bank"), Duration.ofHours(2));
            HttpFrontDoor http = new HttpFrontDoor(port, json, HubSettings.offline(config, dir.resolve("data")));

            JarProcess hub = JarProcess.start("hub (first)", dir.resolve("hub-1.log"), hubArgs);
            String killMoment;
            JmsFrontDoor jms;
            try {
                awaitHealthy(hub, http);
                jms = new JmsFrontDoor(broker, token, book, json);
                killMoment = loadAndKill(plan, random, hub, http, jms, book, findings);
            } finally {
                hub.close();
            }
            jms.close();
            Map<String, Boolean> jmsSentBeforeKill = new HashMap<>();
            plan.keys(Channel.JMS).forEach(r -> jmsSentBeforeKill.put(r.key(), jms.wasSent(r.key())));
            countAtKill(plan, book, findings);
            book.restarted();

            try (JarProcess restarted = JarProcess.start("hub (restarted)", dir.resolve("hub-2.log"), hubArgs)) {
                awaitHealthy(restarted, http);
                try (JmsFrontDoor jmsAgain = new JmsFrontDoor(broker, token, book, json)) {
                    awaitRedelivery(jmsSentBeforeKill, book, findings);
                    resendUntilFinal(plan, http, jmsAgain, book);
                }
                checkAnswers(plan, http, book, findings);
                checkActions(sandboxUrl, plan, book, findings);
                findings.cleanStopExit = restarted.stop(Duration.ofSeconds(90));
            }
            findings.auditVerifyExit = auditVerify(dir, config);
            log(findings.table(seed, killMoment));
        }

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(findings.lostAnswers).as("answers lost (a client's answer no longer returned)").isEmpty();
        soft.assertThat(findings.stuckKeys).as("keys stuck without a final answer after %s", SETTLE).isEmpty();
        soft.assertThat(findings.conflictingAnswers).as("keys with two different final answers").isEmpty();
        soft.assertThat(findings.repeatedBlocks).as("cards blocked more than once at the sandbox").isEmpty();
        soft.assertThat(findings.blocksClaimedNotApplied).as("cards the hub says it blocked that the sandbox did not").isEmpty();
        soft.assertThat(findings.jmsNotRedelivered).as("JMS requests accepted before the kill and never answered unasked").isEmpty();
        // 143 is how a JVM reports a stop by SIGTERM after its shutdown hooks ran; anything else is a crash or a hang.
        soft.assertThat(findings.cleanStopExit).as("the restarted hub's exit code after SIGTERM").isIn(0, 143);
        soft.assertThat(findings.auditVerifyExit).as("audit verify exit code").isEqualTo(0);
        soft.assertAll();
    }

    /** Sends the load from 16 HTTP clients and a JMS producer and kills the hub after a seeded share of the HTTP answers. */
    private String loadAndKill(LoadPlan plan, Random random, JarProcess hub, HttpFrontDoor http, JmsFrontDoor jms,
                               AnswerBook book, CrashFindings findings) throws Exception {
        int killAfter = (int) Math.round(plan.httpSends().size() * (0.15 + 0.5 * random.nextDouble()));
        log("load: " + plan.httpSends().size() + " HTTP sends from " + HTTP_CLIENTS + " clients, " + plan.jmsSends().size()
                + " JMS sends; SIGKILL after " + killAfter + " HTTP answers");
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(HTTP_CLIENTS + 1);
        long started = System.nanoTime();
        try {
            for (int c = 0; c < HTTP_CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.httpSends().size() && !killed.get(); i = next.getAndIncrement()) {
                        KeyedRequest request = plan.httpSends().get(i);
                        sends.incrementAndGet();
                        http.submit(request).ifPresent(answer -> {
                            book.record(request.key(), answer);
                            answered.incrementAndGet();
                        });
                    }
                    return null;
                });
            }
            clients.submit(() -> {
                for (KeyedRequest request : plan.jmsSends()) {
                    if (killed.get() || !jms.send(request)) {
                        break;
                    }
                    sends.incrementAndGet();
                    Thread.sleep(40);  // spread over the HTTP load rather than queued all at once
                }
                return null;
            });
            await("HTTP answers before the kill").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(5))
                    .until(() -> answered.get() >= killAfter || next.get() >= plan.httpSends().size() + HTTP_CLIENTS);
            killed.set(true);
            long pid = hub.pid();
            hub.kill();
            long atMillis = (System.nanoTime() - started) / 1_000_000;
            String moment = "SIGKILL of pid " + pid + " at " + atMillis + " ms into the load, after " + answered.get()
                    + " HTTP answers";
            log(moment);
            clients.shutdown();
            if (!clients.awaitTermination(90, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
            findings.sends = sends.get();
            return moment;
        } finally {
            clients.shutdownNow();
        }
    }

    private static void countAtKill(LoadPlan plan, AnswerBook book, CrashFindings findings) {
        for (String key : plan.byKey().keySet()) {
            if (book.firstFinal(key, Phase.BEFORE_KILL).isPresent()) {
                findings.answeredBeforeKill++;
            } else if (book.lastAnswer(key).filter(Answer::inProgress).isPresent()) {
                findings.inProgressAtKill++;
            }
        }
    }

    /** A JMS request the broker had accepted before the kill must be answered after the restart without being sent again. */
    private static void awaitRedelivery(Map<String, Boolean> sentBeforeKill, AnswerBook book, CrashFindings findings) {
        List<String> awaited = sentBeforeKill.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).sorted().toList();
        try {
            await("answers to the JMS requests accepted before the kill").atMost(REDELIVERY).pollInterval(Duration.ofMillis(200))
                    .until(() -> awaited.stream().allMatch(book::hasAny));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            awaited.stream().filter(k -> !book.hasAny(k)).forEach(findings.jmsNotRedelivered::add);
        }
    }

    /** Re-sends every key, HTTP and JMS, until it has a final answer or {@link #SETTLE} has passed, backing off on 409. */
    private void resendUntilFinal(LoadPlan plan, HttpFrontDoor http, JmsFrontDoor jms, AnswerBook book) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        List<KeyedRequest> httpKeys = plan.keys(Channel.HTTP);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(HTTP_CLIENTS);
        try {
            for (int c = 0; c < HTTP_CLIENTS; c++) {
                clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < httpKeys.size(); i = next.getAndIncrement()) {
                        KeyedRequest request = httpKeys.get(i);
                        long backOff = 100;
                        while (System.nanoTime() < deadline) {
                            Optional<Answer> answer = http.submit(request);
                            answer.ifPresent(a -> book.record(request.key(), a));
                            if (answer.filter(Answer::isFinal).isPresent()) {
                                break;
                            }
                            Thread.sleep(backOff);
                            backOff = Math.min(backOff * 2, 2_000);
                        }
                    }
                    return null;
                });
            }
            // Every JMS key goes again at least once; one still open after 3 s (409, or no reply yet) goes again.
            Map<String, Long> lastSent = new HashMap<>();
            List<KeyedRequest> jmsKeys = plan.keys(Channel.JMS);
            while (System.nanoTime() < deadline) {
                List<KeyedRequest> open = jmsKeys.stream()
                        .filter(r -> book.firstFinal(r.key(), Phase.AFTER_RESTART).isEmpty()).toList();
                if (open.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                for (KeyedRequest request : open) {
                    Long sent = lastSent.get(request.key());
                    if (sent == null || now - sent > TimeUnit.SECONDS.toNanos(3)) {
                        jms.send(request);
                        lastSent.put(request.key(), now);
                    }
                }
                Thread.sleep(250);
            }
            clients.shutdown();
            clients.awaitTermination(SETTLE.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            clients.shutdownNow();
        }
    }

    private void checkAnswers(LoadPlan plan, HttpFrontDoor http, AnswerBook book, CrashFindings findings) throws Exception {
        for (KeyedRequest request : plan.byKey().values()) {
            String key = request.key();
            List<Answer> finals = book.finals(key);
            if (book.firstFinal(key, Phase.AFTER_RESTART).isEmpty()) {
                findings.stuckKeys.add(key + " (" + book.lastAnswer(key).map(Answer::toString).orElse("no answer") + ")");
            }
            if (finals.stream().anyMatch(a -> !a.sameAs(finals.get(0)))) {
                findings.conflictingAnswers.add(key + " " + finals.stream().map(Answer::toString).distinct().toList());
            }
            Optional<Answer> before = book.firstFinal(key, Phase.BEFORE_KILL);
            if (before.isPresent()) {
                lostCheck(key, before.get(), book.firstFinal(key, Phase.AFTER_RESTART), http).ifPresent(findings.lostAnswers::add);
            }
        }
    }

    /** The answer a client saw before the kill must still be what the hub returns, by id and by key. */
    private Optional<String> lostCheck(String key, Answer before, Optional<Answer> after, HttpFrontDoor http) throws Exception {
        if (before.requestId() == null) {
            return Optional.of(key + ": the answer before the kill had no request id (" + before + ")");
        }
        Optional<HttpResponse<String>> stored = http.lookUp(before.requestId());
        if (stored.isEmpty() || stored.get().statusCode() != 200) {
            return Optional.of(key + ": GET /api/v1/requests/" + before.requestId() + " gave "
                    + stored.map(r -> String.valueOf(r.statusCode())).orElse("no answer"));
        }
        JsonNode record = json.readTree(stored.get().body());
        String storedOutcome = record.path("outcome").asText(null);
        boolean sameOutcome = before.outcome().startsWith("problem:") ? "FAILED".equals(record.path("status").asText())
                : before.outcome().equals(storedOutcome);
        if (!sameOutcome) {
            return Optional.of(key + ": answered " + before.outcome() + " before the kill, stored " + record.path("status").asText()
                    + "/" + storedOutcome);
        }
        if (after.isPresent() && !after.get().sameAs(before)) {
            return Optional.of(key + ": answered " + before + " before the kill, " + after.get() + " after");
        }
        return Optional.empty();
    }

    /** Checks the hub's answers against the sandbox's own record of applied writes. */
    private void checkActions(String sandboxUrl, LoadPlan plan, AnswerBook book, CrashFindings findings) throws Exception {
        Map<String, List<String>> blocksPerCard = new HashMap<>();
        for (SandboxDoor.Applied action : new SandboxDoor(sandboxUrl, json).actions()) {
            if ("block-card".equals(action.operation())) {
                // The hub's Idempotency-Key at the sandbox starts with its request id: name the test key behind it where known.
                String requestId = action.idempotencyKey().split(":", 2)[0];
                String by = plan.byKey().keySet().stream()
                        .filter(key -> book.of(key).stream().anyMatch(r -> requestId.equals(r.answer().requestId())))
                        .findFirst().orElse("request " + requestId);
                blocksPerCard.computeIfAbsent(action.targetId(), card -> new java.util.ArrayList<>()).add(by);
                findings.blockActions++;
            }
        }
        blocksPerCard.forEach((card, by) -> {
            if (by.size() > 1) {
                findings.repeatedBlocks.put(card, by);
            }
        });
        plan.byKey().keySet().stream()
                .flatMap(key -> book.finals(key).stream().flatMap(a -> a.blockedCards().stream()).distinct().map(card -> key + " " + card))
                .filter(keyAndCard -> !blocksPerCard.containsKey(keyAndCard.substring(keyAndCard.indexOf(' ') + 1)))
                .forEach(findings.blocksClaimedNotApplied::add);
    }

    private static int auditVerify(Path dir, Path config) throws InterruptedException {
        HubProcesses.Exit verify = HubProcesses.auditVerify(dir.resolve("data"), config, dir.resolve("audit-verify.log"));
        log("audit verify exit " + verify.code() + ": " + verify.tail());
        return verify.code();
    }

    private static void awaitHealthy(JarProcess hub, HttpFrontDoor http) {
        log(hub + " healthy after " + HubProcesses.awaitHealthy(hub, http, HUB_START) + " ms");
    }

    private static void log(String line) {
        System.out.println("[crash] " + line);
        System.out.flush();
    }
}
