package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unrecognised-payment flow through the whole hub: the amount, payee and date extracted from the customer's
 * words (banking-slots) find the payment at core banking, and the dispute goes to a person.
 */
class PaymentNotRecognisedEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void theExtractedAmountPayeeAndDateFindThePaymentAndItIsDisputedAfterTheCheck() throws Exception {
        // C-1001 paid 42.80 EUR to Trattoria Da Nino on 9 November 2026 (sandbox seed)
        JsonNode reply = json(hub.postRequest(request("C-1001",
                "There is a card payment of 42.80 euros to Trattoria Da Nino on 9 November 2026 that I did not make", null)).body());

        assertThat(reply.path("intent").asText()).isEqualTo("card_payment_not_recognised");
        assertThat(reply.path("route").asText()).isEqualTo("payment-not-recognised");
        // One debit fits, under the policy's amount (compliance/actions.yaml): the check agrees and the dispute is raised.
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("message").asText()).contains("42.80 EUR to Trattoria Da Nino on 2026-11-09");
        assertThat(reply.path("actions").get(0).path("target").asText()).isEqualTo("transaction:TX-100101-0006");

        JsonNode stored = json(hub.get("/api/v1/requests/" + reply.path("requestId").asText()).body());
        assertThat(stored.path("steps").findValuesAsText("step")).containsSubsequence("classified", "extracted",
                "connector-call", "connector-call", "policy", "verified", "action-cleared", "connector-call", "replied");
        JsonNode extracted = stored.path("steps").findParents("step").stream()
                .filter(step -> step.path("step").asText().equals("extracted")).findFirst().orElseThrow().path("detail");
        assertThat(extracted.path("tier").asText()).isEqualTo("recognizers");
        assertThat(extracted.path("valid").asBoolean()).isTrue();
        assertThat(extracted.path("slots").path("amount_of_money").path("value").path("amount").decimalValue())
                .isEqualByComparingTo("42.80");
        // the date was read from the vault for the recognisers, and is stored as its token again
        assertThat(extracted.toString()).doesNotContain("9 November 2026").contains("<DATE_TIME_1>");

        // Raised, so nobody needs to review it.
        JsonNode reviews = json(hub.get("/api/v1/reviews").body());
        assertThat(reviews.toString()).doesNotContain("TX-100101-0006");

        // each tier's schema-valid answers are a metric beside Camel's
        assertThat(hub.get("/observe/metrics").body())
                .containsPattern("agenthub_extraction_answers_total\\{capability=\"banking-slots\",tier=\"recognizers\",valid=\"true\"} [1-9]");
    }

    @Test
    void withoutAnAmountOrPayeeTheCustomerIsAskedWhichPayment() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1002", "There is a card payment on my statement that I don't recognise", null)).body());

        assertThat(reply.path("route").asText()).isEqualTo("payment-not-recognised");
        assertThat(reply.path("outcome").asText()).isEqualTo("needs-information");
    }
}
