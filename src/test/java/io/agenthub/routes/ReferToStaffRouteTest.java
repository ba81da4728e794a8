package io.agenthub.routes;

import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.flows.StaffReferral;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** routes/refer-to-staff.camel.yaml alone: what the customer is told, and why people are asked, by how it got here. */
@CamelMainTest(propertyPlaceholderLocations = RouteFile.PROPERTIES)
class ReferToStaffRouteTest {

    @BindToRegistry("staffReferral")
    private final StaffReferral staffReferral = new StaffReferral();

    @Produce("direct:refer-to-staff")
    private ProducerTemplate flow;

    @Configure
    void loadTheRouteAlone(MainConfigurationProperties main) {
        RouteFile.alone(main, "refer-to-staff.camel.yaml");
    }

    private FlowResult referredWith(CascadeAnswer intent) {
        Exchange done = flow.send(exchange -> exchange.setVariable("intent", intent));
        assertThat(done.getException()).as("the flow's failure").isNull();
        // worded as process-request words it, in the tenant's texts
        return FlowLedger.MESSAGES.word("demo-bank", done.getMessage().getBody(FlowResult.class));
    }

    @Test
    void anIntentNoFlowServesGoesToStaffWithTheIntentNamed() {
        FlowResult result = referredWith(new CascadeAnswer("banking77-intent", "exchange_rate", 0.96, "tuned",
                "banking77-intent@v8", false, List.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(result.message()).isEqualTo("This request needs a member of staff. A member of staff will follow up.");
        assertThat(result.reviewReason()).isEqualTo("no automated flow for intent exchange_rate");
    }

    @Test
    void aRequestNoTierWasConfidentAboutTellsTheCustomerWeCouldNotTell() {
        FlowResult result = referredWith(new CascadeAnswer("banking77-intent", "lost_or_stolen_card", 0.41, "people",
                "banking77-intent@v8", true, List.of()));

        assertThat(result.outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(result.message()).startsWith("We could not tell what you need automatically.");
        assertThat(result.reviewReason()).isEqualTo("no tier was confident enough");
    }
}
