package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A bank's fraud engine and contact system, as the whole-hub tests play them: JMS in, outreach out, replies back. */
final class FraudAlerting {

    private final RunningHub hub;
    private final ProducerTemplate bank;
    private final ConsumerTemplate contactSystem;

    FraudAlerting(RunningHub hub) {
        this.hub = hub;
        this.bank = hub.camel().createProducerTemplate();
        this.contactSystem = hub.camel().createConsumerTemplate();
    }

    void stop() throws Exception {
        bank.stop();
        contactSystem.stop();
    }

    static String alert(String alertId, String subjectId, String cardId, String amount, String merchant) {
        return """
                {"alertId": "%s", "tenant": "demo-bank", "subjectId": "%s", "cardId": "%s",
                 "transaction": {"amount": %s, "currency": "EUR", "merchant": "%s", "at": "2026-11-20T21:14:00Z"},
                 "score": 0.93}""".formatted(alertId, subjectId, cardId, amount, merchant);
    }

    /** The fraud engine sends an alert, logged in as a channel of the demo bank. */
    void sendAlert(String body) {
        bank.sendBodyAndHeader("jms:queue:bank.fraud-alerts", body, "Authorization", hub.channelAuthorization("demo-bank"));
    }

    /** The fraud engine sends an alert and waits for the answer on a temporary queue (JMSReplyTo). */
    JsonNode requestAlert(String body) throws Exception {
        return json(bank.requestBodyAndHeader("jms:queue:bank.fraud-alerts?requestTimeout=30000", body, "Authorization",
                hub.channelAuthorization("demo-bank"), String.class));
    }

    void sendAlertAs(String body, Map<String, Object> headers) {
        bank.sendBodyAndHeaders("jms:queue:bank.fraud-alerts", body, headers);
    }

    void reply(String outreachId, String text) {
        sendReply(outreachId, "{\"outreachId\": \"" + outreachId + "\", \"text\": \"" + text + "\"}");
    }

    void sendReply(String outreachId, String body) {
        bank.sendBodyAndHeaders("jms:queue:hub.outreach-replies", body, Map.of("HubOutreachId", outreachId,
                "Authorization", hub.channelAuthorization("demo-bank")));
    }

    /** The alert's row once it waits for the customer. */
    Map<String, Object> awaiting(String alertId) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> row(alertId), row -> row != null && "awaiting-customer".equals(row.get("STATUS")));
    }

    Map<String, Object> row(String alertId) {
        List<Map<String, Object>> rows = new JdbcTemplate(hub.database()).queryForList(
                "SELECT * FROM hub_fraud_alert WHERE tenant = 'demo-bank' AND alert_id = ?", alertId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The outreach message the contact system receives for an outreach id. */
    JsonNode outreach(String outreachId) throws Exception {
        String body = contactSystem.receiveBody("jms:queue:hub.outreach?selector=HubOutreachId='" + outreachId + "'",
                30_000, String.class);
        assertThat(body).as("outreach message " + outreachId).isNotNull();
        return json(body);
    }

    /** The request's answer once it has one that is not {@code outcome}. */
    JsonNode answerAfter(String requestId, String outcome) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(hub.get("/api/v1/requests/" + requestId).body()),
                        answer -> answer.path("reply").has("outcome")
                                && !outcome.equals(answer.path("reply").path("outcome").asText()));
    }

    JsonNode request(String requestId) throws Exception {
        return json(hub.get("/api/v1/requests/" + requestId).body());
    }

    /** The next dead letter, or null within the time. */
    JsonNode deadLetter() throws Exception {
        String body = contactSystem.receiveBody("jms:queue:hub.dead-letter", 20_000, String.class);
        return body == null ? null : json(body);
    }

    String notification(String requestId) {
        return contactSystem.receiveBody("jms:queue:hub.notifications?selector=HubRequestId='" + requestId + "'",
                30_000, String.class);
    }
}
