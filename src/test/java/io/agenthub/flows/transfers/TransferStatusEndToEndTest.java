package io.agenthub.flows.transfers;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole hub: a customer asking about a transfer they sent (each BANKING77 intent the flow serves; transfer_timing is
 * about money coming in, so it goes to staff) is answered from
 * the transfers core banking holds for their accounts (connectors/sandbox/core-banking-seed.json). The look-back is
 * long so the seeded November 2026 transfers stay in it whatever day the test runs.
 */
class TransferStatusEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.transfer-status.days-back", "3650");

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            C-1002 | pending_transfer                   | Why is my transfer still pending?                     | 1200.00 GBP to Harbour Builders Ltd on 2026-11-18 is on its way and should arrive by 2026-11-24
            C-1004 | failed_transfer                    | My transfer failed, what happened?                    | 380.00 EUR to Holzhandel Brenner on 2026-11-18 was not sent: there was not enough money in the account
            C-1004 | declined_transfer                  | Why was my transfer declined?                         | 150.00 EUR to Druckerei Albrecht on 2026-11-12 was sent back by the payee's bank: the payee's account is closed or does not exist
            C-1001 | transfer_not_received_by_recipient | The recipient says they haven't received my transfer | 950.00 EUR to Hausverwaltung Lindenhof GmbH on 2026-11-01 was completed on 2026-11-01
            C-1003 | transfer_not_received_by_recipient | My friend still has not got the money I sent him      | 25.00 EUR to Vereniging Stadstuin on 2026-11-08 was completed on 2026-11-08
            """)
    void aTransferQuestionIsAnsweredFromTheCustomersTransfers(String customer, String intent, String text, String told)
            throws Exception {
        JsonNode reply = json(hub.postRequest(request(customer, text, null)).body());

        assertThat(reply.path("intent").asText()).isEqualTo(intent);
        assertThat(reply.path("route").asText()).isEqualTo("transfer-status");
        assertThat(reply.path("outcome").asText()).isEqualTo("completed");
        assertThat(reply.path("message").asText()).contains(told);
        assertThat(reply.path("actions")).isEmpty();
    }

    @Test
    void aCustomerWithoutTransfersIsToldSoAndOnlyTheirOwnAreRead() throws Exception {
        JsonNode reply = json(hub.postRequest(request("C-1005", "Why is my transfer still pending?", null)).body());

        assertThat(reply.path("route").asText()).isEqualTo("transfer-status");
        assertThat(reply.path("message").asText()).startsWith("We found no transfers sent from your accounts");
        assertThat(reply.path("message").asText()).doesNotContain("Harbour").doesNotContain("Brenner");
        JsonNode steps = json(hub.get("/api/v1/requests/" + reply.path("requestId").asText()).body()).path("steps");
        assertThat(steps.findValuesAsText("step")).contains("transfers-found");
    }
}
