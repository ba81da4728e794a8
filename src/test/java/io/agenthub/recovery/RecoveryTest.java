package io.agenthub.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.api.HubRequest;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.RequestFingerprints;
import io.agenthub.store.RequestLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every admitted request ends with one final answer: after a crash, and when a back-end's answer was lost. */
class RecoveryTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.recovery.period-ms", "500")
            .with("connectors.core-banking.response-timeout-ms", "400")
            .with("connectors.core-banking.retry-delay-ms", "20");

    @Test
    void aRequestAdmittedBeforeACrashIsAnsweredAfterTheRestartAndItsKeyGetsThatAnswer() throws Exception {
        String body = request("C-1001", "I lost my card on the bus", "interrupted-1");
        // Admitted, then the hub went down before it was classified: the state a kill -9 leaves.
        HubRequest asked = new HubRequest("demo-bank", "app", "C-1001", "I lost my card on the bus", "interrupted-1", null);
        String requestId = hub.camel().getRegistry().lookupByNameAndType("requestLedger", RequestLedger.class)
                .admit(RedactedRequest.nothingFound(asked), fingerprints().of(asked), RunningHub.EVERY_ROLE_CALLER).requestId();
        hub.stop();

        hub.start();

        JsonNode answer = finalAnswerFor(body);
        assertThat(answer.path("requestId").asText()).isEqualTo(requestId);
        assertThat(answer.path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("message").asText()).contains("is blocked");
        JsonNode stored = json(hub.get("/api/v1/requests/" + requestId).body());
        assertThat(stored.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(json(hub.postRequest(body).body())).isEqualTo(stored.path("reply"));
    }

    @Test
    void anActionWhoseReplyWasLostIsPendingThenConfirmedByAskingAgainUnderTheSameKey() throws Exception {
        // Core banking takes longer than the hub waits: each attempt times out, while the bank blocks the card.
        hub.sandbox().faults().delay("/core-banking/cards/CRD-1004-1", Duration.ofMillis(800));
        String body = request("C-1004", "I lost my card", "lost-reply-1");

        HttpResponse<String> first = hub.postRequest(body);

        assertThat(first.statusCode()).isEqualTo(202);
        JsonNode pending = json(first.body());
        assertThat(pending.path("outcome").asText()).isEqualTo("pending");
        assertThat(pending.path("actions").get(0).path("status").asText()).isEqualTo("UNCONFIRMED");
        assertThat(hub.postRequest(body).statusCode()).as("the same key meanwhile").isEqualTo(202);

        hub.sandbox().faults().delay("/core-banking/cards/CRD-1004-1", Duration.ZERO);
        JsonNode answer = finalAnswerFor(body);
        assertThat(answer.path("requestId").asText()).isEqualTo(pending.path("requestId").asText());
        assertThat(answer.path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("actions").get(0).path("status").asText()).isEqualTo("BLOCKED");
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/C-1004/cards").body());
        assertThat(cards.findValuesAsText("status")).containsExactly("BLOCKED");
    }

    @Test
    void aBlockThatTookEffectWhileEveryReplyWasLostIsReportedAsDoneNotAsFailedAndHappensOnce() throws Exception {
        // The bank blocks the card, and the reply to that attempt and to both retries is lost in transit.
        hub.sandbox().faults().dropReplyAfterApply("/core-banking/cards/CRD-1002-1", 3);
        String body = request("C-1002", "I lost the card ending 3307", "reply-lost-1");

        HttpResponse<String> first = hub.postRequest(body);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json(first.body()).path("outcome").asText()).isEqualTo("pending");
        JsonNode answer = finalAnswerFor(body);
        assertThat(answer.path("outcome").asText()).isEqualTo("completed");
        assertThat(answer.path("actions").get(0).path("status").asText()).isEqualTo("BLOCKED");
        assertThat(hub.sandbox().actions().after(0)).filteredOn(action -> action.targetId().equals("CRD-1002-1"))
                .as("blocks applied at core banking").hasSize(1);
    }

    private static RequestFingerprints fingerprints() {
        return hub.camel().getRegistry().lookupByNameAndType("requestFingerprints", RequestFingerprints.class);
    }

    /** Re-sends the request until its key has a final answer (200), as a client after a crash would. */
    private static JsonNode finalAnswerFor(String body) {
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            HttpResponse<String> response = hub.postRequest(body);
            if (response.statusCode() == 200) {
                answer.set(json(response.body()));
                return true;
            }
            assertThat(response.statusCode()).as(response.body()).isIn(202, 409);
            return false;
        });
        return answer.get();
    }
}
