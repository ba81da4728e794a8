package io.agenthub.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The insurer's front door, through the whole hub: demo-insurer's requests are classified with insurance-intent
 * (compliance/tenants.yaml), demo-bank's still with banking77-intent, and each intent reaches its flow.
 */
class InsurerFrontDoorEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void aPolicyHolderReportingABurstPipeGetsAClaimOpenedOnTheirHomePolicy() throws Exception {
        // C-1001 holds a motor policy and a home policy (POL-HOM-200117); a burst pipe is water damage, which only
        // the home policy covers, so the claim is opened under it without the customer quoting its number.
        List<String> before = claimNumbers("POL-HOM-200117");

        JsonNode reply = json(hub.postRequest(insurerRequest("C-1001",
                "A pipe burst in the kitchen yesterday and water is all over the floor, what do I do?")).body());

        assertThat(reply.path("intent").asText()).isEqualTo("report_claim");
        assertThat(reply.path("model").asText()).startsWith("insurance-intent@");
        assertThat(reply.path("route").asText()).isEqualTo("claim-notice");
        List<String> after = claimNumbers("POL-HOM-200117");
        assertThat(after).hasSize(before.size() + 1);
        String opened = after.stream().filter(n -> !before.contains(n)).findFirst().orElseThrow();
        assertThat(reply.path("message").asText()).contains(opened);
        JsonNode claim = json(hub.sandboxGet("/insurance/claims/" + opened).body());
        assertThat(claim.path("lossType").asText()).isEqualTo("WATER_DAMAGE");
        assertThat(claim.path("customerId").asText()).isEqualTo("C-1001");
    }

    @Test
    void aCustomerAskingAfterTheirClaimByNumberIsToldItsStatus() throws Exception {
        JsonNode reply = json(hub.postRequest(insurerRequest("C-1002", "any news on claim CLM-2026-005207?")).body());

        assertThat(reply.path("intent").asText()).isEqualTo("claim_status");
        assertThat(reply.path("route").asText()).isEqualTo("claim-status");
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("message").asText())
                .isEqualTo("Your claim CLM-2026-005207 for the loss of 2026-10-30 is being assessed by a claims handler.");
    }

    @Test
    void withoutANumberTheClaimsStillOpenAreTold() throws Exception {
        // C-1002 has one claim in review and one rejected: the one they are waiting on is the news.
        JsonNode reply = json(hub.postRequest(insurerRequest("C-1002", "whats happening with my claim, its been weeks")).body());

        assertThat(reply.path("route").asText()).isEqualTo("claim-status");
        assertThat(reply.path("message").asText()).contains("CLM-2026-005207").doesNotContain("CLM-2026-003318");
    }

    @Test
    void anotherCustomersClaimIsNeverTold() throws Exception {
        // CLM-2026-005207 is C-1002's; C-1001 asking after it learns nothing of it and people look into it.
        JsonNode reply = json(hub.postRequest(insurerRequest("C-1001", "what is the status of claim CLM-2026-005207")).body());

        assertThat(reply.path("route").asText()).isEqualTo("claim-status");
        assertThat(reply.path("outcome").asText()).isEqualTo("referred");
        assertThat(reply.path("message").asText()).contains("claims team").doesNotContain("assessed").doesNotContain("2026-10-30");
    }

    @Test
    void aCoverQuestionGoesToPeopleInTheInsurersWords() throws Exception {
        JsonNode reply = json(hub.postRequest(insurerRequest("C-1005", "does my home insurance cover accidental damage to the tv")).body());

        assertThat(reply.path("intent").asText()).isEqualTo("policy_cover_question");
        assertThat(reply.path("route").asText()).isEqualTo("refer-to-staff");
        assertThat(reply.path("outcome").asText()).isEqualTo("referred");
        assertThat(reply.path("message").asText()).contains("customer service team");
    }

    @Test
    void outOfScopeRequestsAreRecognisedAndGoToPeople() throws Exception {
        JsonNode reply = json(hub.postRequest(insurerRequest("C-1004", "can you tell me a joke")).body());

        assertThat(reply.path("intent").asText()).isEqualTo("out_of_scope");
        assertThat(reply.path("route").asText()).isEqualTo("refer-to-staff");
    }

    @Test
    void theBanksRequestsAreStillClassifiedWithBankingIntents() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1004", "My card was stolen at the station", null)).body());

        assertThat(reply.path("intent").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(reply.path("model").asText()).startsWith("banking77-intent@");
    }

    private static String insurerRequest(String subjectId, String text) {
        return JSON.createObjectNode().put("tenant", "demo-insurer").put("channel", "app")
                .put("subjectId", subjectId).put("text", text).toString();
    }

    private static List<String> claimNumbers(String policyNumber) throws Exception {
        List<String> numbers = new ArrayList<>();
        json(hub.sandboxGet("/insurance/policies/" + policyNumber + "/claims").body())
                .forEach(claim -> numbers.add(claim.path("claimNumber").asText()));
        return numbers;
    }
}
