package io.agenthub.routes;

import io.agenthub.api.FlowResult;
import io.agenthub.api.HubReply;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.intent.FlowDirectory;
import io.agenthub.intent.FrontDoorIntents;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.store.Decisions;
import io.agenthub.store.RequestLedger;
import org.apache.camel.BindToRegistry;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code process-request} route of routes/front-door.camel.yaml alone, with routes/intent-flows.yaml as the
 * hub reads it: the classifier is a fake that answers what a test says, and the call of the flow is advised to a mock
 * endpoint per flow, so a test sees which flow ran, how often, and says what it answered.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteFile.PROPERTIES,
        advices = @AdviceRouteMapping(route = "process-request", advice = ProcessRequestRouteTest.FlowsAsMocks.class))
class ProcessRequestRouteTest {

    private static final FlowLedger LEDGER = FlowLedger.open();

    // The classifier frontDoorIntents asks (the route does not call it by name).
    private final FakeClassifier frontDoorIntent = new FakeClassifier();
    @BindToRegistry("flowDirectory")
    private final FlowDirectory flowDirectory = intentFlows();
    @BindToRegistry("decisions")
    private final Decisions decisions = LEDGER.ledger().decisions();
    @BindToRegistry("frontDoorIntents")
    private final FrontDoorIntents frontDoorIntents = new FrontDoorIntents(decisions,
            (tenant, text) -> frontDoorIntent.classify(text), flowDirectory);
    @BindToRegistry("requestLedger")
    private final RequestLedger requestLedger = LEDGER.ledger().requests();
    @BindToRegistry("customerMessages")
    private final CustomerMessages customerMessages = FlowLedger.MESSAGES;

    @Produce("direct:process-request")
    private ProducerTemplate processRequest;
    @EndpointInject("mock:card-lost-or-stolen")
    private MockEndpoint cardFlow;
    @EndpointInject("mock:payment-not-recognised")
    private MockEndpoint paymentFlow;
    @EndpointInject("mock:refer-to-staff")
    private MockEndpoint staffFlow;

    /** The flow a request is handed to, {@code toD: direct:<flow>}, becomes {@code mock:<flow>}. */
    public static final class FlowsAsMocks extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByType(ToDynamicDefinition.class).replace().toD("mock:${variable.flow}");
        }
    }

    /** The front door's classifier as the route sees it: the intent a test gave for a text. */
    public static final class FakeClassifier {
        private final Map<String, CascadeAnswer> answers = new HashMap<>();

        public CascadeAnswer classify(String text) {
            return answers.get(text);
        }
    }

    @Configure
    void loadTheRouteAlone(MainConfigurationProperties main) {
        RouteFile.only(main, "front-door.camel.yaml", "process-request");
    }

    @AfterAll
    static void closeTheLedger() {
        LEDGER.close();
    }

    private static FlowDirectory intentFlows() {
        try (InputStream in = Files.newInputStream(Path.of("routes", "intent-flows.yaml"))) {
            return FlowDirectory.fromYaml(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CascadeAnswer intent(String label, double confidence, boolean escalated) {
        return new CascadeAnswer("banking77-intent", label, confidence, escalated ? "people" : "tuned", "banking77-intent@v8",
                escalated, List.of());
    }

    private static HubRequest saying(String text) {
        return new HubRequest("demo-bank", "app", "C-1", text, null, null);
    }

    private static void answers(MockEndpoint flow, FlowResult result) {
        flow.whenAnyExchangeReceived(exchange -> exchange.getMessage().setBody(result));
    }

    private Exchange process(HubRequest request, String requestId) {
        return processRequest.send(exchange -> {
            exchange.setVariable("request", request);
            exchange.setVariable("requestId", requestId);
        });
    }

    @Test
    void aLostCardGoesToItsFlowOnceAndTheFlowsResultIsStoredAsTheAnswer() throws InterruptedException {
        frontDoorIntent.answers.put("I lost my card", intent("lost_or_stolen_card", 0.97, false));
        answers(cardFlow, FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CARD_BLOCKED, "brand", "VISA", "last4", "4821")));
        cardFlow.expectedMessageCount(1);
        paymentFlow.expectedMessageCount(0);
        staffFlow.expectedMessageCount(0);
        HubRequest request = saying("I lost my card");
        String requestId = LEDGER.admit(request);

        Exchange done = process(request, requestId);

        assertThat(done.getException()).isNull();
        MockEndpoint.assertIsSatisfied(cardFlow, paymentFlow, staffFlow);
        HubReply reply = done.getMessage().getBody(HubReply.class);
        assertThat(reply.requestId()).isEqualTo(requestId);
        assertThat(reply.route()).isEqualTo("card-lost-or-stolen");
        assertThat(reply.intent()).isEqualTo("lost_or_stolen_card");
        assertThat(reply.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(reply.message()).isEqualTo("Your VISA card ending 4821 is blocked. A replacement can be ordered in the app.");
        assertThat(LEDGER.stepNames(requestId)).containsExactly("received", "decided", "classified", "replied");
        assertThat(LEDGER.step(requestId, "classified").path("route").asText()).isEqualTo("card-lost-or-stolen");
        assertThat(LEDGER.record(requestId).route()).isEqualTo("card-lost-or-stolen");
    }

    @Test
    void everyIntentOfAPaymentNotRecognisedGoesToThatOneFlow() throws InterruptedException {
        answers(paymentFlow, FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.PAYMENT_ASK_WHICH)));
        paymentFlow.expectedMessageCount(3);
        for (String label : List.of("card_payment_not_recognised", "direct_debit_payment_not_recognised", "transaction_charged_twice")) {
            frontDoorIntent.answers.put(label, intent(label, 0.9, false));
            HubRequest request = saying(label);
            assertThat(process(request, LEDGER.admit(request)).getException()).isNull();
        }

        paymentFlow.assertIsSatisfied();
        cardFlow.expectedMessageCount(0);
        cardFlow.assertIsSatisfied();
    }

    @Test
    void anIntentNoFlowServesAndARequestNoTierWasSureOfGoToStaffAndTheirReviewItemIsQueued() throws InterruptedException {
        frontDoorIntent.answers.put("what is the exchange rate", intent("exchange_rate", 0.95, false));
        frontDoorIntent.answers.put("hm", intent("lost_or_stolen_card", 0.2, true));
        answers(staffFlow, FlowResult.referred(ReplyText.of(ReplyKey.REFERRAL_NO_FLOW), "referred in the test"));
        staffFlow.expectedMessageCount(2);
        HubRequest unserved = saying("what is the exchange rate");
        String unservedId = LEDGER.admit(unserved);
        HubRequest unsure = saying("hm");
        String unsureId = LEDGER.admit(unsure);

        process(unserved, unservedId);
        process(unsure, unsureId);

        MockEndpoint.assertIsSatisfied(staffFlow, cardFlow);
        assertThat(LEDGER.record(unservedId).route()).isEqualTo("refer-to-staff");
        assertThat(LEDGER.record(unsureId).route()).isEqualTo("refer-to-staff");
        assertThat(LEDGER.reviews().page("pending", "500", null, List.of("demo-bank")).items())
                .extracting(item -> item.requestId()).contains(unservedId, unsureId);
    }

    @Test
    void aRequestReRunAfterACrashGoesToTheFlowItChoseTheFirstTimeWhateverTheClassifierSaysNow() throws Exception {
        HubRequest request = saying("my card is gone");
        String requestId = LEDGER.admit(request);
        frontDoorIntent.answers.put("my card is gone", intent("lost_or_stolen_card", 0.9, false));
        // The first run: the flow makes the request durable before it acts on a back-end, then the hub goes down.
        cardFlow.whenExchangeReceived(1, exchange -> {
            LEDGER.ledger().steps().beforeAction(requestId, "core-banking", Map.of("operation", "block-card"));
            throw new IllegalStateException("the hub went down");
        });
        assertThat(process(request, requestId).getException()).hasMessage("the hub went down");

        // Recovery takes the request up again; a new model version would now call it something else.
        frontDoorIntent.answers.put("my card is gone", intent("card_payment_not_recognised", 0.9, false));
        cardFlow.whenExchangeReceived(2, exchange -> exchange.getMessage().setBody(
                FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CARD_BLOCKED, "brand", "VISA", "last4", "4821"))));
        HubRequest resumed = LEDGER.ledger().decisions().resume(requestId).orElseThrow();
        Exchange rerun = process(resumed, requestId);

        assertThat(rerun.getException()).isNull();
        assertThat(rerun.getMessage().getBody(HubReply.class).route()).isEqualTo("card-lost-or-stolen");
        assertThat(cardFlow.getReceivedCounter()).isEqualTo(2);
        assertThat(paymentFlow.getReceivedCounter()).isZero();
    }
}
