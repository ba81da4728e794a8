package io.agenthub.routes;

import io.agenthub.actions.ActionComponent;

import io.agenthub.api.ActionTaken;
import io.agenthub.api.Outcome;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.connectors.corebanking.CoreBankingOperations;
import io.agenthub.flows.SubjectSerialisation;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.store.Decisions;
import io.agenthub.store.StepOutbox;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/card-lost-or-stolen.camel.yaml alone: the lost-card policy and the ledger are the hub's, core banking is a
 * fake in place of the connector (AdviceWith) that answers from a list of cards and counts the blocks it is asked for.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteFile.PROPERTIES, advices = {
        @AdviceRouteMapping(route = "card-lost-or-stolen", advice = FakeCoreBanking.InPlaceOfTheConnector.class),
        @AdviceRouteMapping(route = "execute-block-card", advice = FakeCoreBanking.InPlaceOfTheConnector.class)})
class CardLostOrStolenRouteTest {

    private static final FlowLedger LEDGER = FlowLedger.open();
    private static final CascadeAnswer LOST_CARD = new CascadeAnswer("banking77-intent", "lost_or_stolen_card", 0.97, "tuned",
            "banking77-intent@v8", false, List.of());

    private final Card visa = new Card("CRD-1", "C-1", "ACC-1", "4821", "VISA", "DEBIT", "ACTIVE", null);
    private final Card master = new Card("CRD-2", "C-1", "ACC-1", "3307", "MASTERCARD", "CREDIT", "ACTIVE", null);
    private final Card blocked = new Card("CRD-3", "C-1", "ACC-1", "6672", "MASTERCARD", "DEBIT", "BLOCKED", "LOST");

    @BindToRegistry(FakeCoreBanking.BEAN)
    private final FakeCoreBanking coreBanking = new FakeCoreBanking();
    @BindToRegistry("coreBankingOperations")
    private final CoreBankingOperations coreBankingOperations = new CoreBankingOperations(FlowLedger.JSON);
    @BindToRegistry("lostCardPolicy")
    private final LostCardPolicy lostCardPolicy = new LostCardPolicy();
    @BindToRegistry("subjectSerialisation")
    private final SubjectSerialisation subjectSerialisation = new SubjectSerialisation(1_000);
    @BindToRegistry("stepOutbox")
    private final StepOutbox stepOutbox = LEDGER.ledger().steps();
    @BindToRegistry("action")
    private final ActionComponent actions = LEDGER.actions();
    @BindToRegistry("decisions")
    private final Decisions decisions = LEDGER.ledger().decisions();

    @Produce("direct:card-lost-or-stolen")
    private ProducerTemplate flow;

    @Configure
    void loadTheRouteAlone(MainConfigurationProperties main) {
        RouteFile.withActions(main, "card-lost-or-stolen.camel.yaml", "card-lost-or-stolen", "block-card");
    }

    @AfterAll
    static void closeTheLedger() {
        LEDGER.close();
    }

    private FlowLedger.Run customerSays(String text) {
        return LEDGER.run(flow, text, LOST_CARD, "card-lost-or-stolen");
    }

    @Test
    void theCustomersOnlyActiveCardIsBlockedOnceAndTheyAreToldWhichOne() {
        coreBanking.cards.addAll(List.of(visa, blocked));

        FlowLedger.Run run = customerSays("I lost my card");

        assertThat(coreBanking.calls("block-card")).containsExactly("block-card /cards/CRD-1/block [LOST]");
        assertThat(run.result().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.result().message()).isEqualTo(
                "Your VISA card ending 4821 is blocked. A replacement can be ordered in the app.");
        assertThat(run.result().actions()).containsExactly(new ActionTaken("block-card", "card:CRD-1", "BLOCKED"));
        assertThat(LEDGER.step(run.requestId(), "policy").path("verdict").asText())
                .isEqualTo("block card CRD-1 (VISA ending 4821) as LOST");
        assertThat(LEDGER.record(run.requestId()).steps()).filteredOn(step -> step.step().equals("decided"))
                .extracting(step -> step.detail().path("name").asText()).containsExactly("card-choice", "gate:block-card:card:CRD-1");
        assertThat(LEDGER.record(run.requestId()).steps()).filteredOn(step -> step.step().equals("decided")).first()
                .satisfies(step -> assertThat(step.detail().path("value").path("card").path("cardId").asText()).isEqualTo("CRD-1"));
        // The gate cleared it by the policy's rule (compliance/actions.yaml: block-card is auto).
        assertThat(LEDGER.step(run.requestId(), "action-cleared").path("rule").asText()).isEqualTo("block-card rule 1: auto");
    }

    @Test
    void theftWordsBlockTheCardTheCustomerNamedAsStolen() {
        coreBanking.cards.addAll(List.of(visa, master));

        FlowLedger.Run run = customerSays("my card ending 3307 was stolen on the tram");

        assertThat(coreBanking.calls("block-card")).containsExactly("block-card /cards/CRD-2/block [STOLEN]");
        assertThat(run.result().message()).startsWith("Your MASTERCARD card ending 3307 is blocked.");
    }

    @Test
    void withTwoActiveCardsAndNoneNamedNothingIsBlockedAndTheCustomerIsAskedWhichOne() {
        coreBanking.cards.addAll(List.of(visa, master));

        FlowLedger.Run run = customerSays("I lost my card");

        assertThat(coreBanking.calls("block-card")).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.NEEDS_INFORMATION);
        assertThat(run.result().message()).startsWith("You have 2 active cards.");
        assertThat(LEDGER.step(run.requestId(), "policy").path("verdict").asText()).isEqualTo("block no card");
        assertThat(LEDGER.stepNames(run.requestId())).containsExactly("received", "decided", "policy", "classified", "replied");
    }

    @Test
    void aCardTheCustomerNamedThatIsNotTheirsIsNeverSwappedForAnother() {
        coreBanking.cards.addAll(List.of(visa));

        FlowLedger.Run run = customerSays("I lost the card ending 9999");

        assertThat(coreBanking.calls("block-card")).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.NEEDS_INFORMATION);
        assertThat(run.result().message()).startsWith("We could not find a card ending 9999 among your active cards");
    }

    @Test
    void aCustomerWithNoActiveCardIsReferredToStaff() {
        coreBanking.cards.addAll(List.of(blocked));

        FlowLedger.Run run = customerSays("I lost my card");

        assertThat(coreBanking.calls("block-card")).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(run.result().reviewReason()).isEqualTo("lost or stolen card: the customer has no active card");
        assertThat(LEDGER.reviews().page("pending", "500", null, List.of("demo-bank")).items())
                .anySatisfy(item -> assertThat(item.requestId()).isEqualTo(run.requestId()));
    }
}
