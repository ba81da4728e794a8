package io.agenthub.sandbox;

import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxFaultsTest {

    private SandboxClient client;
    private SandboxFaults faults;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
        faults = client.sandbox.faults();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void theNextNRequestsUnderAPrefixFailThenTheSandboxRecovers() {
        faults.failNext("/core-banking/cards", 3, 503);

        for (int i = 0; i < 3; i++) {
            Reply reply = client.post("/core-banking/cards/CRD-1001-1/block", "k", "{\"reason\":\"LOST\"}");
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("status").asInt()).isEqualTo(503);
        }
        Reply recovered = client.post("/core-banking/cards/CRD-1001-1/block", "k", "{\"reason\":\"LOST\"}");

        assertThat(recovered.status()).isEqualTo(200);
        assertThat(recovered.header("Idempotent-Replayed")).as("failed attempts never reached the bank").isNull();
        assertThat(faults.requestCount("/core-banking/cards")).isEqualTo(4);
        assertThat(faults.pendingFailures("/core-banking/cards")).isZero();
    }

    @Test
    void failuresOnlyHitPathsUnderTheirPrefix() {
        faults.failNext("/core-banking/cards", 1, 500);

        assertThat(client.get("/core-banking/customers/C-1001/cards").status()).isEqualTo(200);
        assertThat(client.get("/insurance/policies/POL-MOT-100234").status()).isEqualTo(200);
        assertThat(faults.pendingFailures("/core-banking/cards")).isEqualTo(1);
    }

    @Test
    void prefixesMatchWholePathSegments() {
        assertThat(SandboxFaults.matches("/core-banking/cards", "/core-banking/cards")).isTrue();
        assertThat(SandboxFaults.matches("/core-banking/cards", "/core-banking/cards/CRD-1/block")).isTrue();
        assertThat(SandboxFaults.matches("/core-banking/card", "/core-banking/cards/CRD-1/block")).isFalse();
        assertThat(SandboxFaults.matches("/", "/insurance/claims")).isTrue();
    }

    @Test
    void aTrailingSlashInThePrefixIsIgnored() {
        faults.failNext("/insurance/", 1, 502);

        assertThat(client.get("/insurance/claims/CLM-2026-004512").status()).isEqualTo(502);
    }

    @Test
    void rulesForOnePrefixQueueUpInOrder() {
        faults.failNext("/insurance", 1, 500);
        faults.failNext("/insurance", 1, 429);

        assertThat(client.get("/insurance/policies/POL-MOT-100234").status()).isEqualTo(500);
        assertThat(client.get("/insurance/policies/POL-MOT-100234").status()).isEqualTo(429);
        assertThat(client.get("/insurance/policies/POL-MOT-100234").status()).isEqualTo(200);
    }

    @Test
    void aDelayedPathAnswersLateWithoutHoldingUpOthers() {
        faults.delay("/core-banking", Duration.ofSeconds(2));
        long started = System.nanoTime();

        CompletableFuture<Reply> delayed = CompletableFuture.supplyAsync(() -> client.get("/core-banking/customers/C-1001"));
        Reply undelayed = client.get("/insurance/policies/POL-MOT-100234");

        assertThat(undelayed.status()).isEqualTo(200);
        assertThat(delayed).as("the delayed call is still waiting while the other was answered").isNotDone();
        assertThat(delayed.join().status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aDelayedFailureArrivesLateAndFails() {
        faults.delay("/insurance", Duration.ofMillis(300));
        faults.failNext("/insurance", 1, 504);
        long started = System.nanoTime();

        Reply reply = client.get("/insurance/policies/POL-MOT-100234");

        assertThat(reply.status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void theLongestMatchingDelayWins() {
        faults.delay("/core-banking", Duration.ofSeconds(5));
        faults.delay("/core-banking/payments", Duration.ofMillis(10));

        assertThat(faults.delayFor("/core-banking/payments/PAY-1")).isEqualTo(Duration.ofMillis(10));
        assertThat(faults.delayFor("/core-banking/customers/C-1001")).isEqualTo(Duration.ofSeconds(5));
        assertThat(faults.delayFor("/insurance/claims")).isEqualTo(Duration.ZERO);
    }

    @Test
    void aZeroDelayRemovesTheDelay() {
        faults.delay("/core-banking", Duration.ofSeconds(5));
        faults.delay("/core-banking", Duration.ZERO);

        assertThat(faults.delayFor("/core-banking/customers/C-1001")).isEqualTo(Duration.ZERO);
    }

    @Test
    void clearRemovesEveryFaultAndResetsCounts() {
        faults.failNext("/", 100, 500);
        faults.delay("/", Duration.ofMillis(20));
        assertThat(client.get("/core-banking/customers/C-1001").status()).isEqualTo(500);

        faults.clear();

        assertThat(client.get("/core-banking/customers/C-1001").status()).isEqualTo(200);
        assertThat(faults.delayFor("/core-banking/customers/C-1001")).isEqualTo(Duration.ZERO);
        assertThat(faults.requestCount("/")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsConsumeExactlyTheArmedFailures() throws Exception {
        faults.failNext("/core-banking", 50, 503);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<OptionalInt>> taken = IntStream.range(0, 200)
                    .mapToObj(i -> pool.submit(() -> faults.takeFailure("/core-banking/payments")))
                    .toList();
            long failures = 0;
            for (Future<OptionalInt> f : taken) {
                failures += f.get().isPresent() ? 1 : 0;
            }
            assertThat(failures).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDroppedReplyLeavesTheWriteAppliedAndARetryWithTheKeyGetsTheFirstAnswer() {
        faults.dropReplyAfterApply("/core-banking/cards", 1);

        assertThatThrownBy(() -> client.post("/core-banking/cards/CRD-1001-1/block", "lost-1", "{\"reason\":\"LOST\"}"))
                .as("the connection closes without a status line")
                .isInstanceOf(UncheckedIOException.class);
        Reply retried = client.post("/core-banking/cards/CRD-1001-1/block", "lost-1", "{\"reason\":\"LOST\"}");

        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).as("the lost attempt had reached the bank").isEqualTo("true");
        assertThat(retried.json().get("status").asText()).isEqualTo("BLOCKED");
        assertThat(faults.pendingDroppedReplies("/core-banking/cards")).isZero();
    }

    @Test
    void readsUnderADroppedReplyPrefixAreAnsweredAndLeaveTheRuleArmed() {
        faults.dropReplyAfterApply("/core-banking", 2);

        assertThat(client.get("/core-banking/customers/C-1001/cards").status()).isEqualTo(200);
        assertThat(faults.pendingDroppedReplies("/core-banking")).isEqualTo(2);
    }

    @Test
    void droppedRepliesAreCountedPerWriteAndThenTheSandboxAnswersAgain() {
        faults.dropReplyAfterApply("/core-banking/cards", 2);

        for (String key : List.of("d-1", "d-2")) {
            assertThatThrownBy(() -> client.post("/core-banking/cards/CRD-1001-1/block", key, "{\"reason\":\"LOST\"}"))
                    .isInstanceOf(UncheckedIOException.class);
        }
        Reply answered = client.post("/core-banking/cards/CRD-1001-1/block", "d-3", "{\"reason\":\"LOST\"}");

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.header("Idempotent-Replayed")).isNull();
        assertThat(faults.pendingDroppedReplies("/core-banking/cards")).isZero();
    }

    @Test
    void anArmedFailureStopsTheWriteBeforeADroppedReplyCanApplyIt() {
        faults.failNext("/core-banking/cards", 1, 503);
        faults.dropReplyAfterApply("/core-banking/cards", 1);

        Reply failed = client.post("/core-banking/cards/CRD-1001-1/block", "f-1", "{\"reason\":\"LOST\"}");

        assertThat(failed.status()).isEqualTo(503);
        assertThat(faults.pendingDroppedReplies("/core-banking/cards")).as("the failed write never ran").isEqualTo(1);
    }

    @Test
    void clearDisarmsDroppedReplies() {
        faults.dropReplyAfterApply("/core-banking/cards", 3);

        faults.clear();

        assertThat(client.post("/core-banking/cards/CRD-1001-1/block", "c-1", "{\"reason\":\"LOST\"}").status()).isEqualTo(200);
        assertThat(faults.pendingDroppedReplies("/core-banking/cards")).isZero();
    }

    @Test
    void nonsenseArgumentsAreRefused() {
        assertThatThrownBy(() -> faults.failNext("core-banking", 1, 503)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext("/core-banking", 1, 200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.failNext("/core-banking", -1, 503)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.delay("/core-banking", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.dropReplyAfterApply("/core-banking", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.dropReplyAfterApply("cards", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
