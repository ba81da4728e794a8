package io.agenthub.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo stream goes through the JMS front door's checks as an ESB does, as a channel of each request's tenant;
 * it logs each answer beside the request as the hub stored it, and leaves the README's first request working.
 */
class DemoStreamTest {

    /** Opened before the hub starts (static fields initialise before extensions run), so no demo answer is missed. */
    private static final LogCapture LOGS = LogCapture.at(Level.INFO);

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.demo.enabled", "true").with("hub.demo.period-ms", "500");

    @AfterAll
    static void closeLogs() {
        LOGS.close();
    }

    @Test
    void eachAnswerIsLoggedOnOneLineBesideTheRequestAsStoredPseudonymised() throws IOException {
        List<String> answers = firstRoundOfAnswers();

        assertThat(answers.get(0)).contains("\"I think I lost my card on the train this morning, please block it\"",
                "-> lost_or_stolen_card (", ": completed, \"Your VISA card ending 1190 is blocked.");
        assertThat(answers).allSatisfy(line -> assertThat(line).startsWith("Demo answer: request ")
                .doesNotContain("unauthenticated", "forbidden", "\n"));
        // the sample with a name shows its token, and the name is in no log line at all
        assertThat(answers.get(6)).contains("\"This is <PERSON_1>, my credit card ending 7036 was stolen");
        assertThat(LOGS.text()).doesNotContain("Emma Clarke");
    }

    @Test
    void thePaymentSampleIsAnsweredByItsFlowNotEscalated() throws IOException {
        String payment = firstRoundOfAnswers().get(5);

        // One debit fits and it is under the policy's amount: the check agrees and the dispute is raised.
        assertThat(payment).contains("-> card_payment_not_recognised (", ": completed, \"We have disputed the payment of 96.00 GBP to The Copper Kettle")
                .doesNotContain("escalated");
    }

    @Test
    void theInsurersSamplesAreSortedByInsuranceIntentsAndReachTheirFlows() throws IOException {
        List<String> answers = firstRoundOfAnswers();

        // demo-insurer's front door is insurance-intent (compliance/tenants.yaml)
        assertThat(answers.get(7)).contains("-> report_claim (", "We have opened claim ");
        assertThat(answers.get(8)).contains("-> claim_status (", ": completed, \"Your claim CLM-2026-005207 ");
        assertThat(answers.get(9)).contains("-> policy_cover_question (", ": referred");
    }

    @Test
    void theReadmesFirstRequestStillFindsAnActiveCardAfterTheDemo() throws Exception {
        firstRoundOfAnswers();

        JsonNode reply = RunningHub.json(hub.postRequest(
                RunningHub.request("C-1001", "I lost my card on the train", "readme-first-request")).body());

        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("actions").get(0).path("target").asText()).isEqualTo("card:CRD-1001-1");
        assertThat(reply.path("actions").get(0).path("status").asText()).isEqualTo("BLOCKED");
    }

    @Test
    void theHubLoadsOfTheClassifiersOnlyTheFrontDoors() {
        // clinc150-intent is declared in processors/ for the command line; its encoders held about 1 GB in the hub
        CapabilityRegistry capabilities = hub.camel().getRegistry().lookupByNameAndType("capabilities", CapabilityRegistry.class);

        assertThat(capabilities.find("banking77-intent")).isPresent();
        assertThat(capabilities.find("clinc150-intent")).isEmpty();
    }

    /**
     * The demo's log lines for the first pass through its sample requests, in the order they were sent. Samples go
     * out every 500 ms here, and an answer may overtake the one before it, so the lines are put back in order by
     * request id, which grows with time (UUID version 7).
     */
    private static List<String> firstRoundOfAnswers() throws IOException {
        int samples = samples();
        await().atMost(Duration.ofSeconds(90)).until(() -> answers().size() >= samples + 2);
        return answers().stream().sorted(Comparator.comparing(line -> line.split(" ")[3])).limit(samples).toList();
    }

    private static List<String> answers() {
        return LOGS.events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Demo answer:")).toList();
    }

    private static int samples() throws IOException {
        return (int) Files.readAllLines(Path.of("connectors/sandbox/demo-requests.jsonl")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }
}
