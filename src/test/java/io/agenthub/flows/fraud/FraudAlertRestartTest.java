package io.agenthub.flows.fraud;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import io.agenthub.access.Caller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static io.agenthub.RunningHub.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's "not me" taken (the alert decided, its request re-opened, committed) just before the hub stops, before
 * the flow ran: after the restart, request recovery blocks the card, once; the reply redelivered then acts on nothing.
 */
class FraudAlertRestartTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.fraud-alerts.reply-deadline", "PT10M");

    @Test
    void aReplyTakenBeforeAStopIsActedOnOnceAfterTheRestart() throws Exception {
        FraudAlerting bank = new FraudAlerting(hub);
        Map<String, Object> row;
        try {
            bank.sendAlert(FraudAlerting.alert("FA-3001", "C-1005", "CRD-1005-1", "310.00", "Juwelier Am Ring"));
            row = bank.awaiting("FA-3001");
        } finally {
            bank.stop();
        }
        String outreachId = (String) row.get("OUTREACH_ID");
        String requestId = (String) row.get("REQUEST_ID");
        // The reply route's first step, alone: what is durable when a stop comes right after it.
        FraudAlertTransitions transitions = hub.camel().getRegistry()
                .lookupByNameAndType("fraudAlertTransitions", FraudAlertTransitions.class);
        Caller contactSystem = Caller.of("agent-hub", "contact-system", Role.CHANNEL, Set.of("demo-bank"));
        assertThat(transitions.reply(new CustomerReply(outreachId, "it was not me"), contactSystem)).isNotNull();
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1005-1/block")).isZero();

        hub.stop();
        hub.start();

        JsonNode answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> json(hub.get("/api/v1/requests/" + requestId).body()),
                        a -> "completed".equals(a.path("reply").path("outcome").asText()));
        assertThat(answer.path("reply").path("message").asText()).contains("card ending 7036 is blocked");
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/C-1005/cards").body());
        assertThat(cards.get(0).path("status").asText()).isEqualTo("BLOCKED");
        assertThat(cards.get(0).path("blockReason").asText()).isEqualTo("FRAUD_SUSPECTED");

        FraudAlerting again = new FraudAlerting(hub);
        try {
            again.reply(outreachId, "it was not me");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    again.request(requestId).path("steps").findValuesAsText("step").contains("late-customer-reply"));
        } finally {
            again.stop();
        }
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1005-1/block")).isEqualTo(1);
        assertThat(again.row("FA-3001").get("CLOSED_AT")).isNotNull();
    }
}
