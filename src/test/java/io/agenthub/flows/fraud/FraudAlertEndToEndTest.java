package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole hub, as the issue checks it: a fraud alert on JMS asks the customer, and their reply decides it: "that
 * wasn't me" blocks the card (once, for fraud), "yes it was me" closes the alert untouched; a second reply, a reply to
 * an unknown outreach, and hostile alerts change nothing and are dead-lettered with a reason.
 */
class FraudAlertEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.fraud-alerts.reply-deadline", "PT10M");

    private FraudAlerting bank;

    @BeforeEach
    void connect() {
        bank = new FraudAlerting(hub);
    }

    @AfterEach
    void disconnect() throws Exception {
        bank.stop();
    }

    @Test
    void anAlertTheCustomerDeniesEndsWithTheCardBlockedForFraud() throws Exception {
        bank.sendAlert(FraudAlerting.alert("FA-1001", "C-1002", "CRD-1002-1", "642.10", "Electro Outlet Riga"));

        Map<String, Object> row = bank.awaiting("FA-1001");
        String outreachId = (String) row.get("OUTREACH_ID");
        String requestId = (String) row.get("REQUEST_ID");
        JsonNode outreach = bank.outreach(outreachId);
        assertThat(outreach.path("tenant").asText()).isEqualTo("demo-bank");
        assertThat(outreach.path("subjectId").asText()).isEqualTo("C-1002");
        assertThat(outreach.path("template").asText()).isEqualTo("fraud-confirm-payment");
        assertThat(outreach.path("templateVersion").asText()).isEqualTo("v1");
        assertThat(outreach.path("message").asText()).contains("642.10 EUR").contains("Electro Outlet Riga")
                .contains("2026-11-20");
        JsonNode first = bank.request(requestId);
        assertThat(first.path("reply").path("outcome").asText()).isEqualTo("needs-information");
        assertThat(first.path("route").asText()).isEqualTo("fraud-alert");
        assertThat(first.path("idempotencyKey").asText()).isEqualTo("fraud-alert:FA-1001");

        bank.reply(outreachId, "No, that wasn't me!");

        JsonNode answer = bank.answerAfter(requestId, "needs-information");
        assertThat(answer.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("reply").path("message").asText()).contains("card ending 3307 is blocked");
        assertThat(answer.path("reply").path("actions").get(0).path("type").asText()).isEqualTo("block-card");
        assertThat(answer.path("steps").findValuesAsText("step")).contains("customer-replied", "action-cleared");
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/C-1002/cards").body());
        JsonNode card = cards.get(0).path("cardId").asText().equals("CRD-1002-1") ? cards.get(0) : cards.get(1);
        assertThat(card.path("status").asText()).isEqualTo("BLOCKED");
        assertThat(card.path("blockReason").asText()).isEqualTo("FRAUD_SUSPECTED");
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1002-1/block")).isEqualTo(1);
        Map<String, Object> closed = bank.row("FA-1001");
        assertThat(closed.get("STATUS")).isEqualTo("confirmed-fraud");
        assertThat(closed.get("REPLY_RULE")).isEqualTo("denial:not-me");
        assertThat(closed.get("CLOSED_AT")).isNotNull();
        JsonNode notification = json(bank.notification(requestId));
        assertThat(notification.path("reply").path("outcome").asText()).isEqualTo("completed");

        // The same reply again (a redelivery by the contact system) and the alert again: nothing more happens.
        bank.reply(outreachId, "No, that wasn't me!");
        bank.sendAlert(FraudAlerting.alert("FA-1001", "C-1002", "CRD-1002-1", "642.10", "Electro Outlet Riga"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                bank.request(requestId).path("steps").findValuesAsText("step").contains("late-customer-reply"));
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1002-1/block")).isEqualTo(1);
        assertThat(bank.request(requestId).path("reply").path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void aBlockCoreBankingDoesNotConfirmIsAskedAgainUnderTheSameKeyAndDoneOnce() throws Exception {
        bank.sendAlert(FraudAlerting.alert("FA-1005", "C-1002", "CRD-1002-2", "88.00", "Tankstelle Nord"));
        Map<String, Object> row = bank.awaiting("FA-1005");
        String requestId = (String) row.get("REQUEST_ID");
        // Every attempt of the first run fails (retries + 1); the block's outcome is then unknown.
        hub.sandbox().faults().failNext("/core-banking/cards/CRD-1002-2/block", 3, 503);

        bank.reply((String) row.get("OUTREACH_ID"), "I did not make this payment");

        JsonNode pending = bank.answerAfter(requestId, "needs-information");
        JsonNode answer = "pending".equals(pending.path("reply").path("outcome").asText())
                ? bank.answerAfter(requestId, "pending") : pending;
        assertThat(answer.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("reply").path("message").asText()).contains("card ending 9154 is blocked");
        assertThat(answer.path("steps").findValuesAsText("step")).contains("outcome-unknown");
        assertThat(bank.row("FA-1005").get("STATUS")).isEqualTo("confirmed-fraud");
        assertThat(bank.row("FA-1005").get("CLOSED_AT")).isNotNull();
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/C-1002/cards").body());
        assertThat(cards.findValuesAsText("blockReason")).contains("FRAUD_SUSPECTED");
    }

    @Test
    void anAlertTheCustomerConfirmsIsClosedWithNothingDone() throws Exception {
        // Asked with a JMSReplyTo, the fraud engine is told the request and the outreach that went out.
        JsonNode first = bank.requestAlert(FraudAlerting.alert("FA-1002", "C-1004", "CRD-1004-1", "18.40", "Cafe Lindenbaum"));
        assertThat(first.path("outcome").asText()).isEqualTo("needs-information");
        assertThat(first.path("actions").get(0).path("type").asText()).isEqualTo("send-outreach");
        String outreachId = first.path("actions").get(0).path("target").asText().substring("outreach:".length());
        String requestId = first.path("requestId").asText();
        assertThat(bank.row("FA-1002").get("OUTREACH_ID")).isEqualTo(outreachId);
        assertThat(bank.requestAlert(FraudAlerting.alert("FA-1002", "C-1004", "CRD-1004-1", "18.40", "Cafe Lindenbaum"))
                .path("requestId").asText()).as("the alert sent again").isEqualTo(requestId);

        bank.reply(outreachId, "Yes it was me, thanks");

        JsonNode answer = bank.answerAfter(requestId, "needs-information");
        assertThat(answer.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("reply").path("message").asText()).contains("Thank you for confirming the payment");
        assertThat(answer.path("reply").path("actions")).isEmpty();
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1004-1/block")).isZero();
        assertThat(bank.row("FA-1002").get("STATUS")).isEqualTo("not-fraud");
    }

    @Test
    void anUnclearReplyGoesToPeople() throws Exception {
        bank.sendAlert(FraudAlerting.alert("FA-1003", "C-1005", "CRD-1005-1", "75.00", "Parkhaus Mitte"));
        Map<String, Object> row = bank.awaiting("FA-1003");
        String requestId = (String) row.get("REQUEST_ID");

        bank.reply((String) row.get("OUTREACH_ID"), "which payment do you mean?");

        JsonNode answer = bank.answerAfter(requestId, "needs-information");
        assertThat(answer.path("reply").path("outcome").asText()).isEqualTo("referred");
        assertThat(bank.row("FA-1003").get("STATUS")).isEqualTo("escalated");
        JsonNode reviews = json(hub.get("/api/v1/reviews?limit=500").body());
        assertThat(reviews.findValuesAsText("requestId")).contains(requestId);
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1005-1/block")).isZero();
    }

    @Test
    void hostileAlertsAndRepliesAreDeadLetteredWithAReasonAndChangeNothing() throws Exception {
        // No caller at all; then a channel of another tenant; then bad fields; then an unknown outreach.
        bank.sendAlertAs(FraudAlerting.alert("FA-X1", "C-1001", "CRD-1001-1", "10.00", "Shop"), Map.of());
        assertThat(bank.deadLetter().path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:unauthenticated");

        bank.sendAlertAs(FraudAlerting.alert("FA-X2", "C-1001", "CRD-1001-1", "10.00", "Shop"),
                Map.of("Authorization", hub.channelAuthorization("demo-insurer")));
        assertThat(bank.deadLetter().path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:forbidden");

        bank.sendAlert("""
                {"alertId": "FA X3 '; DROP TABLE", "tenant": "demo-bank", "subjectId": "C-1001", "cardId": "CRD-1001-1",
                 "transaction": {"amount": -5.001, "currency": "eur", "merchant": "Shop\\u202e", "at": "yesterday"},
                 "score": 7, "extra": true}""");
        JsonNode invalid = bank.deadLetter();
        assertThat(invalid.path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:invalid-request");
        assertThat(invalid.path("problem").path("errors").findValuesAsText("field")).contains("alertId",
                "transaction.amount", "transaction.currency", "transaction.merchant", "transaction.at", "score", "extra");

        bank.sendAlert("{\"alertId\": ");
        assertThat(bank.deadLetter().path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:malformed-json");

        String unknown = "0b7c9a4e-5d1f-4c55-9c61-3f2a8e7d1b20";
        bank.reply(unknown, "not me");
        assertThat(bank.deadLetter().path("problem").path("type").asText()).isEqualTo("urn:agent-hub:problem:not-found");

        bank.sendReply(unknown, "{\"outreachId\": \"" + unknown + "\", \"text\": 42}");
        assertThat(bank.deadLetter().path("problem").path("errors").findValuesAsText("field")).contains("text");

        assertThat(bank.row("FA-X1")).isNull();
        assertThat(bank.row("FA-X2")).isNull();
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1001-1/block")).isZero();
    }

    @Test
    void theSameAlertIdWithOtherContentIsRefused() throws Exception {
        bank.sendAlert(FraudAlerting.alert("FA-1004", "C-1004", "CRD-1004-1", "12.00", "Kiosk am Markt"));
        bank.awaiting("FA-1004");

        bank.sendAlert(FraudAlerting.alert("FA-1004", "C-1004", "CRD-1004-1", "999.00", "Kiosk am Markt"));

        assertThat(bank.deadLetter().path("problem").path("type").asText())
                .isEqualTo("urn:agent-hub:problem:idempotency-key-reused");
        assertThat(bank.row("FA-1004").get("AMOUNT").toString()).isEqualTo("12.00");
    }
}
