package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code agent-hub jms send} against a whole hub over its broker's network acceptor, as a person checking the hub
 * from a shell uses it: a front-door request answered, and a fraud alert that ends with the card blocked once the
 * customer says the payment was not theirs.
 */
class JmsCliTest {

    static final int PORT = AvailablePortFinder.getNextAvailable();

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.broker.acceptor", "tcp://127.0.0.1:" + PORT);

    private static String broker() {
        return "tcp://127.0.0.1:" + PORT;
    }

    @Test
    void aFrontDoorRequestIsAnsweredOnTheReplyQueue() throws Exception {
        CliRun cli = new CliRun();

        int exit = cli.run("jms", "send", "--broker", broker(), "--queue", "hub.requests", "--tenant", "demo-bank",
                "--data-dir", hub.dataDir().toString(), "--reply",
                "--body", RunningHub.request("C-1001", "I lost my card on the train", "jms-cli-1"));

        assertThat(exit).as("exit code; error: %s", cli.err()).isZero();
        JsonNode answer = json(cli.out());
        assertThat(answer.path("requestId").asText()).isNotBlank();
        assertThat(answer.path("outcome").asText()).isNotBlank();
        assertThat(cli.err().strip()).isEqualTo("HubStatus 200, HubRequestId " + answer.path("requestId").asText());
    }

    @Test
    void aFraudAlertTheCustomerDeniesEndsWithTheCardBlocked(@TempDir Path dir) throws Exception {
        Path alert = Files.writeString(dir.resolve("alert.json"), """
                {"alertId": "FA-CLI-1", "tenant": "demo-bank", "subjectId": "C-1002", "cardId": "CRD-1002-1",
                 "transaction": {"amount": 642.10, "currency": "EUR", "merchant": "Electro Outlet Riga", "at": "2026-11-20T21:14:00Z"},
                 "score": 0.93}""");
        CliRun fraudEngine = new CliRun();

        assertThat(fraudEngine.run("jms", "send", "--broker", broker(), "--queue", "bank.fraud-alerts", "--tenant", "demo-bank",
                "--data-dir", hub.dataDir().toString(), "--file", alert.toString(), "--reply"))
                .as("exit code; error: %s", fraudEngine.err()).isZero();
        JsonNode first = json(fraudEngine.out());
        assertThat(first.path("outcome").asText()).isEqualTo("needs-information");
        String target = first.path("actions").get(0).path("target").asText();
        assertThat(target).startsWith("outreach:");
        String outreachId = target.substring("outreach:".length());

        // The contact system relays the customer's answer, with a token of its own given as HUB_TOKEN would be.
        CliRun contactSystem = new CliRun();
        String token = hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5));
        assertThat(contactSystem.run("jms", "send", "--broker", broker(), "--queue", "hub.outreach-replies", "--token", token,
                "--property", "HubOutreachId=" + outreachId, "--reply",
                "--body", "{\"outreachId\": \"" + outreachId + "\", \"text\": \"that wasn't me\"}"))
                .as("exit code; error: %s", contactSystem.err()).isZero();
        assertThat(json(contactSystem.out()).path("alertStatus").asText()).isEqualTo("confirmed-fraud");
        assertThat(contactSystem.out() + contactSystem.err()).doesNotContain(token);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonNode card = card("C-1002", "CRD-1002-1");
            assertThat(card.path("status").asText()).isEqualTo("BLOCKED");
            assertThat(card.path("blockReason").asText()).isEqualTo("FRAUD_SUSPECTED");
        });
        JsonNode request = json(hub.get("/api/v1/requests/" + first.path("requestId").asText()).body());
        assertThat(request.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(request.path("reply").path("actions").get(0).path("type").asText()).isEqualTo("block-card");
    }

    @Test
    void aBrokerThatCannotBeReachedIsOneLineAndExitOne() {
        CliRun cli = new CliRun();

        int exit = cli.run("jms", "send", "--broker", "tcp://127.0.0.1:" + AvailablePortFinder.getNextAvailable(),
                "--queue", "hub.requests", "--token", "any", "--body", "{}");

        assertThat(exit).isEqualTo(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().lines().toList()).singleElement().asString().startsWith("agent-hub: cannot reach the broker at");
    }

    @Test
    void anInsurersSystemMaySendAClaimNoticeToHubClaims() {
        CliRun cli = new CliRun();

        int exit = cli.run("jms", "send", "--broker", broker(), "--queue", "hub.claims", "--tenant", "demo-insurer",
                "--data-dir", hub.dataDir().toString(),
                "--body", "{\"tenant\":\"demo-insurer\",\"text\":\"Policy POL-HOM-200117. On 3 December 2026 a storm"
                        + " damaged the roof. Estimated cost EUR 700.\"}");

        assertThat(exit).as("exit code; error: %s", cli.err()).isZero();
        assertThat(cli.out()).startsWith("Sent ").contains("to hub.claims");
    }

    @Test
    void aRefusedLoginOrSendIsOneLineAndNeverShowsTheToken() {
        CliRun badToken = new CliRun();
        String forged = hub.token(Role.CHANNEL, "demo-bank", Duration.ofMinutes(5)) + "x";

        assertThat(badToken.run("jms", "send", "--broker", broker(), "--queue", "hub.requests", "--token", forged,
                "--body", "{}")).isEqualTo(1);
        assertThat(badToken.err().lines().toList()).singleElement().asString()
                .startsWith("agent-hub: the broker at " + broker() + " refused the login");
        assertThat(badToken.err()).doesNotContain(forged.substring(0, 20));

        CliRun reviewer = new CliRun();
        String token = hub.token(Role.REVIEWER, "demo-bank", Duration.ofMinutes(5));
        assertThat(reviewer.run("jms", "send", "--broker", broker(), "--queue", "hub.requests", "--token", token,
                "--body", "{}")).isEqualTo(1);
        assertThat(reviewer.err().lines().toList()).singleElement().asString()
                .contains("refused this login's send to hub.requests");
        assertThat(reviewer.err()).doesNotContain(token.substring(0, 20));
    }

    @Test
    void aProblemReplyIsPrintedAndExitsOne() throws Exception {
        CliRun cli = new CliRun();

        // A channel of the insurer sending for the bank: the front door answers 403.
        int exit = cli.run("jms", "send", "--broker", broker(), "--queue", "hub.requests", "--tenant", "demo-insurer",
                "--data-dir", hub.dataDir().toString(), "--reply", "--body", RunningHub.request("C-1001", "hello", null));

        assertThat(exit).isEqualTo(1);
        assertThat(json(cli.out()).path("status").asInt()).isEqualTo(403);
        assertThat(cli.err().strip()).isEqualTo("HubStatus 403");
    }

    @Test
    void badArgumentsExitTwo() {
        CliRun cli = new CliRun();

        assertThat(cli.run("jms", "send", "--queue", "hub.requests", "--tenant", "demo-bank", "--body", "{}",
                "--property", "JMSType=x")).isEqualTo(2);
        assertThat(cli.run("jms", "send", "--queue", "hub.requests", "--tenant", "demo-bank")).isEqualTo(2);
        assertThat(cli.run("jms", "send", "--queue", "hub.requests", "--tenant", "demo-bank", "--body", "{}",
                "--timeout", "soon")).isEqualTo(2);
        assertThat(cli.run("jms", "send", "--queue", "hub.requests", "--tenant", "demo-bank", "--body", "{}",
                "--broker", "amqp://127.0.0.1:61616")).isEqualTo(2);
    }

    private static JsonNode card(String customer, String cardId) throws Exception {
        for (JsonNode card : json(hub.sandboxGet("/core-banking/customers/" + customer + "/cards").body())) {
            if (card.path("cardId").asText().equals(cardId)) {
                return card;
            }
        }
        throw new AssertionError("no card " + cardId);
    }
}
