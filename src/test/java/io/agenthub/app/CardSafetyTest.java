package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The lost-card flow never blocks a card the customer did not mean, nor one card twice, nor promises in vain. */
class CardSafetyTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void aCardTheCustomerNamesThatIsNotTheirsIsNeverSwappedForTheirOnlyActiveCard() throws Exception {
        // C-1005's only active card is the AMEX ending 7036; 4111 is none of theirs.
        JsonNode reply = json(hub.postRequest(request("C-1005", "My card ending 4111 was stolen", null)).body());

        assertThat(reply.path("outcome").asText()).isEqualTo("needs-information");
        assertThat(reply.path("actions")).isEmpty();
        assertThat(reply.path("message").asText()).contains("4111").contains("no card was blocked");
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1005-1")
                + hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1005-2")).as("block-card calls").isZero();
        JsonNode cards = json(hub.sandboxGet("/core-banking/customers/C-1005/cards").body());
        assertThat(cards.findValuesAsText("status")).contains("ACTIVE");
    }

    @Test
    void aReferralThatPromisesStaffWillCallHasAReviewItemBehindIt() throws Exception {
        // C-1003's only card is already blocked: nothing to block, so the customer is referred to staff.
        JsonNode reply = json(hub.postRequest(request("C-1003", "I lost my card", null)).body());
        assertThat(reply.path("outcome").asText()).isEqualTo("referred");
        assertThat(reply.path("message").asText()).contains("staff will contact you");

        JsonNode reviews = json(hub.get("/api/v1/reviews?limit=500").body());
        assertThat(reviews.findValuesAsText("requestId")).contains(reply.path("requestId").asText());
    }

    @Test
    void concurrentRequestsForOneCustomerBlockTheirCardOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                String body = request("C-1001", "I lost my card on the train", "same-customer-" + i);
                answers.add(pool.submit((Callable<JsonNode>) () -> json(hub.postRequest(body).body())));
            }
            List<String> outcomes = new ArrayList<>();
            for (Future<JsonNode> answer : answers) {
                outcomes.add(answer.get().path("outcome").asText());
            }
            assertThat(outcomes).as("one request blocks the card; the others find it blocked").containsOnlyOnce("completed");
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.sandbox().faults().requestCount("/core-banking/cards/CRD-1001-1/block"))
                .as("block-card calls at core banking").isEqualTo(1);
    }
}
