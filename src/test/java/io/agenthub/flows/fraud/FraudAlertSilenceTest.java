package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;

/** A customer who does not answer by hub.fraud-alerts.reply-deadline: the sweep hands the alert to people. */
class FraudAlertSilenceTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.fraud-alerts.reply-deadline", "PT1S")
            .with("hub.fraud-alerts.sweep-period-ms", "300");

    @Test
    void silencePastTheDeadlineEscalatesToPeopleAndALateReplyActsOnNothing() throws Exception {
        FraudAlerting bank = new FraudAlerting(hub);
        try {
            bank.sendAlert(FraudAlerting.alert("FA-2001", "C-1002", "CRD-1002-1", "230.00", "Night Owl Bar"));
            Map<String, Object> row = bank.awaiting("FA-2001");
            String requestId = (String) row.get("REQUEST_ID");

            JsonNode answer = bank.answerAfter(requestId, "needs-information");

            assertThat(answer.path("reply").path("outcome").asText()).isEqualTo("referred");
            assertThat(answer.path("steps").findValuesAsText("step")).contains("customer-silent");
            assertThat(bank.row("FA-2001").get("STATUS")).isEqualTo("escalated");
            assertThat(bank.row("FA-2001").get("REPLY_RULE")).isEqualTo("no-reply");
            JsonNode reviews = json(hub.get("/api/v1/reviews?limit=500").body());
            assertThat(reviews.findValuesAsText("requestId")).contains(requestId);

            bank.reply((String) row.get("OUTREACH_ID"), "it was not me");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    bank.request(requestId).path("steps").findValuesAsText("step").contains("late-customer-reply"));
            assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1002-1/block")).isZero();
        } finally {
            bank.stop();
        }
    }
}
