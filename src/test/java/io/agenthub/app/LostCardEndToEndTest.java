package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

class LostCardEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void lostCardRequestBlocksTheCardAtCoreBankingAndSaysSo() throws Exception {
        // given a customer with one active card (C-1001, VISA ending 4821 in the sandbox seed)
        // when they report it lost
        HttpResponse<String> response = hub.postRequest(request("C-1001", "I lost my card on the train this morning", null));

        // then the reply says the card is blocked
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode reply = json(response.body());
        assertThat(reply.path("intent").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(reply.path("route").asText()).isEqualTo("card-lost-or-stolen");
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(reply.path("message").asText()).contains("4821").contains("blocked");
        assertThat(reply.path("actions").get(0).path("type").asText()).isEqualTo("block-card");
        assertThat(reply.path("actions").get(0).path("status").asText()).isEqualTo("BLOCKED");

        // and the card really is blocked at the back-end, for the reason the customer gave
        JsonNode card = json(hub.sandboxGet("/core-banking/customers/C-1001/cards").body()).get(0);
        assertThat(card.path("status").asText()).isEqualTo("BLOCKED");
        assertThat(card.path("blockReason").asText()).isEqualTo("LOST");
    }

    @Test
    void everyStepOfARequestIsStoredAndCanBeLookedUp() throws Exception {
        String requestId = json(hub.postRequest(request("C-1004", "My card was stolen at the station", null)).body())
                .path("requestId").asText();

        HttpResponse<String> lookup = hub.get("/api/v1/requests/" + requestId);

        assertThat(lookup.statusCode()).isEqualTo(200);
        JsonNode stored = json(lookup.body());
        assertThat(stored.path("subjectId").asText()).isEqualTo("C-1004");
        assertThat(stored.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(stored.path("reply").path("outcome").asText()).isEqualTo("completed");
        assertThat(stored.path("steps").findValuesAsText("step"))
                .containsExactly("received", "decided", "classified", "connector-call", "decided", "policy",
                        "decided", "action-cleared", "action-requested", "connector-call", "replied");
        assertThat(step(stored, "policy", 0).path("reason").asText())
                .startsWith("it is the customer's only active card");
        JsonNode block = step(stored, "connector-call", 1);
        assertThat(block.path("operation").asText()).isEqualTo("block-card");
        assertThat(block.path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aCustomerWithTwoActiveCardsIsAskedWhichOneUnlessTheyNameIt() throws Exception {
        JsonNode unclear = json(hub.postRequest(request("C-1002", "I lost my card", null)).body());
        assertThat(unclear.path("outcome").asText()).isEqualTo("needs-information");
        assertThat(unclear.path("actions")).isEmpty();

        JsonNode named = json(hub.postRequest(request("C-1002", "I lost the card ending 9154", null)).body());
        assertThat(named.path("outcome").asText()).isEqualTo("completed");
        assertThat(named.path("message").asText()).contains("9154");
    }

    @Test
    void aRequestNoFlowServesIsReferredToStaff() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1005", "What exchange rate do you use when I pay abroad?", null)).body());

        assertThat(reply.path("route").asText()).isEqualTo("refer-to-staff");
        assertThat(reply.path("outcome").asText()).isEqualTo("referred");
    }

    /** The detail of the {@code nth} step (from 0) named {@code name}. */
    private static JsonNode step(JsonNode stored, String name, int nth) {
        int seen = 0;
        for (JsonNode step : stored.path("steps")) {
            if (step.path("step").asText().equals(name) && seen++ == nth) {
                return step.path("detail");
            }
        }
        throw new AssertionError("no step " + name + " #" + nth + " in " + stored.path("steps"));
    }
}
