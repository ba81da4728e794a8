package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With a state directory, what the sandbox did survives its restart, as it would a crash of the hub that runs it. */
class SandboxJournalTest {

    private static final String BANK = "/core-banking";
    private static final String TRATTORIA = BANK + "/transactions/TX-100101-0006/chargeback";
    private static final String DISPUTE = """
            {"reason":"Card payment not recognised by the customer","amount":42.80,"currency":"EUR"}""";
    private static final String PAYMENT = """
            {"fromAccountId":"ACC-1001-01","creditorName":"Brightwater Energy Ltd",
             "creditorIban":"GB02 AGHB 4011 2273 3109 84","amount":100.00,"currency":"EUR"}""";

    @TempDir
    Path state;

    /** A sandbox over the shipped seed whose clock stands {@code later} after {@link SandboxClient#NOW}. */
    private static SandboxClient sandbox(Path stateDir, Duration later) {
        return SandboxClient.start(stateDir, Clock.fixed(SandboxClient.NOW.plus(later), ZoneOffset.UTC));
    }

    private static List<JsonNode> actions(SandboxClient client) {
        List<JsonNode> actions = new ArrayList<>();
        client.get("/sandbox/actions").json().forEach(actions::add);
        return actions;
    }

    private Path journal() {
        return state.resolve(SandboxJournal.FILE);
    }

    @Test
    void everyWriteSurvivesARestartFromTheSameDirectoryWithItsTimesAndSequence() {
        Reply chargeback;
        Reply payment;
        List<JsonNode> before;
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            chargeback = first.post(TRATTORIA, "approval:A-1:3f1c", DISPUTE);
            first.post(BANK + "/cards/CRD-1001-1/block", "block-1", "{\"reason\":\"LOST\"}");
            payment = first.post(BANK + "/payments", "pay-1", PAYMENT);
            first.put(BANK + "/customers/C-1004/contact-details", "move-1", "{\"email\":\"jonas@keller.example\"}");
            first.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-1", null);
            first.post("/insurance/claims", "claim-1", """
                    {"policyNumber":"POL-MOT-100234","dateOfLoss":"2026-11-18","lossType":"COLLISION",
                     "description":"Rear-ended at a red light.","estimatedAmount":2350.00,"currency":"EUR"}""");
            before = actions(first);
        }

        try (SandboxClient second = sandbox(state, Duration.ofDays(3))) {
            assertThat(actions(second)).isEqualTo(before).hasSize(6);
            assertThat(second.get(BANK + "/customers/C-1001/cards").json().get(0).get("status").asText()).isEqualTo("BLOCKED");
            assertThat(second.get(BANK + "/customers/C-1004").json().get("email").asText()).isEqualTo("jonas@keller.example");
            assertThat(second.get(BANK + "/customers/C-1002/accounts").json().get(1).get("status").asText()).isEqualTo("CLOSED");
            assertThat(second.get(BANK + "/accounts/ACC-1001-01/balance").json().get("booked").decimalValue())
                    .isEqualByComparingTo("2331.56");
            // Stamped when it was applied, not when it was replayed.
            Reply replayedPayment = second.get(payment.header("Location"));
            assertThat(replayedPayment.body()).isEqualTo(payment.body()).contains("\"createdAt\":\"2026-11-22T10:00:00Z\"");

            Reply paymentAgain = second.post(BANK + "/payments", "pay-1", PAYMENT);
            assertThat(paymentAgain.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(paymentAgain.body()).isEqualTo(payment.body());

            Reply again = second.post(TRATTORIA, "approval:A-1:3f1c", DISPUTE);
            Reply another = second.post(TRATTORIA, "other-key", DISPUTE);
            Reply next = second.post(BANK + "/transactions/TX-100101-0003/chargeback", "k-2",
                    "{\"reason\":\"twice\",\"amount\":64.37,\"currency\":\"EUR\"}");

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(chargeback.body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(another.status()).isEqualTo(409);
            assertThat(another.problemType()).isEqualTo("already-disputed");
            assertThat(next.json().get("chargebackId").asText()).isEqualTo("CBK-100002");
            assertThat(next.json().get("raisedAt").asText()).isEqualTo("2026-11-25T10:00:00Z");
            assertThat(actions(second)).hasSize(7).last().satisfies(a -> assertThat(a.get("sequence").asLong()).isEqualTo(7));
        }
    }

    @Test
    void aChargebackRaisedBeforeACrashIsFoundOnceAfterIt() throws IOException {
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            first.post(TRATTORIA, "approval:A-1:3f1c", DISPUTE);
        }
        // What a kill -9 leaves: every answered write is on disk, whether or not the process closed its files.
        List<String> lines = Files.readAllLines(journal());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"journal\":\"agent-hub-sandbox\"", "\"seed\":\"sha256:");
        assertThat(lines.get(1)).contains("\"operation\":\"raise-chargeback\"", "\"idempotencyKey\":\"approval:A-1:3f1c\"");

        try (SandboxClient second = sandbox(state, Duration.ofMinutes(5))) {
            second.post(TRATTORIA, "approval:A-1:3f1c", DISPUTE);

            assertThat(actions(second)).filteredOn(a -> a.get("operation").asText().equals("raise-chargeback"))
                    .extracting(a -> a.get("idempotencyKey").asText()).containsExactly("approval:A-1:3f1c");
        }
    }

    @Test
    void aTornLastLineIsDroppedAndTheJournalGoesOnAfterTheLastWholeLine() throws IOException {
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            first.post(BANK + "/cards/CRD-1001-1/block", "block-1", "{\"reason\":\"LOST\"}");
        }
        long whole = Files.size(journal());
        Files.writeString(journal(), "{\"sequence\":2,\"at\":\"2026-11-22T10:00:01Z\",\"operation\":\"raise-charg",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (SandboxClient second = sandbox(state, Duration.ZERO)) {
            assertThat(Files.size(journal())).as("cut back to its last whole line").isEqualTo(whole);
            assertThat(actions(second)).hasSize(1);
            assertThat(second.post(TRATTORIA, "k-1", DISPUTE).status()).isEqualTo(201);
        }
        try (SandboxClient third = sandbox(state, Duration.ZERO)) {
            assertThat(actions(third)).extracting(a -> a.get("operation").asText())
                    .containsExactly("block-card", "raise-chargeback");
        }
    }

    @Test
    void aDamagedLineBeforeTheLastStopsTheStartNamingTheFileAndHowToStartAfresh() throws IOException {
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            first.post(BANK + "/cards/CRD-1001-1/block", "block-1", "{\"reason\":\"LOST\"}");
            first.post(TRATTORIA, "k-1", DISPUTE);
        }
        List<String> lines = Files.readAllLines(journal());
        Files.write(journal(), List.of(lines.get(0), "{not json", lines.get(2)));

        assertThatThrownBy(() -> sandbox(state, Duration.ZERO))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Line 2 of " + journal())
                .hasMessageContaining("delete " + state);
    }

    @Test
    void aJournalKeptOverAnotherSeedIsMovedAsideAndTheSandboxStartsAfresh() throws IOException {
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            first.post(BANK + "/cards/CRD-1001-1/block", "block-1", "{\"reason\":\"LOST\"}");
        }
        List<String> lines = Files.readAllLines(journal());
        Files.write(journal(), List.of(lines.get(0).replaceAll("sha256:[0-9a-f]+", "sha256:0000"), lines.get(1)));

        try (SandboxClient second = sandbox(state, Duration.ZERO)) {
            assertThat(actions(second)).isEmpty();
            assertThat(second.get(BANK + "/customers/C-1001/cards").json().get(0).get("status").asText()).isEqualTo("ACTIVE");
            try (Stream<Path> files = Files.list(state)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .anyMatch(name -> name.startsWith(SandboxJournal.FILE + ".") && name.endsWith(".old"));
            }
        }
    }

    @Test
    void oneStateDirectoryServesOneSandboxAtATime() {
        try (SandboxClient first = sandbox(state, Duration.ZERO)) {
            assertThatThrownBy(() -> sandbox(state, Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by another sandbox");
            assertThat(first.get(BANK + "/customers/C-1001").status()).isEqualTo(200);
        }
    }

    @Test
    void theSeedsDigestIsItsContentNotItsLayout() {
        assertThat(SandboxClient.seed().digest()).isEqualTo(SandboxSeed.fromClasspath().digest())
                .startsWith("sha256:").hasSize("sha256:".length() + 64);
    }
}
