package io.agenthub.routes;

import io.agenthub.access.Caller;
import io.agenthub.access.Role;
import io.agenthub.actions.ActionComponent;
import io.agenthub.actions.Approval;
import io.agenthub.actions.ApprovalExecutor;
import io.agenthub.actions.DecisionRequest;
import io.agenthub.api.BackendRefusedException;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.store.RequestRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.connectors.corebanking.Account;
import io.agenthub.connectors.corebanking.CoreBankingOperations;
import io.agenthub.connectors.corebanking.Transaction;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.flows.SubjectSerialisation;
import io.agenthub.flows.payments.UnrecognisedPayments;
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

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/payment-not-recognised.camel.yaml alone: the payment rules and the ledger are the hub's; the extraction
 * capability answers with the slots a test gives for the customer's words, and core banking is a fake that lists
 * booked transactions and counts the searches it is asked for.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteFile.PROPERTIES, advices = {
        @AdviceRouteMapping(route = "payment-not-recognised", advice = FakeCoreBanking.InPlaceOfTheConnector.class),
        @AdviceRouteMapping(route = "execute-raise-chargeback", advice = FakeCoreBanking.InPlaceOfTheConnector.class)})
class PaymentNotRecognisedRouteTest {

    private static final FlowLedger LEDGER = FlowLedger.open();
    private static final CascadeAnswer NOT_RECOGNISED = new CascadeAnswer("banking77-intent", "card_payment_not_recognised", 0.93,
            "tuned", "banking77-intent@v8", false, List.of());
    private static final String TRATTORIA = "I don't recognise the 42.80 euro payment to Trattoria Da Nino on 9 November";

    @BindToRegistry("bankingSlotsExtractionStep")
    private final FakeExtraction bankingSlots = new FakeExtraction();
    @BindToRegistry(FakeCoreBanking.BEAN)
    private final FakeCoreBanking coreBanking = new FakeCoreBanking();
    @BindToRegistry("coreBankingOperations")
    private final CoreBankingOperations coreBankingOperations = new CoreBankingOperations(FlowLedger.JSON);
    @BindToRegistry("unrecognisedPayments")
    private final UnrecognisedPayments unrecognisedPayments = new UnrecognisedPayments(
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));
    @BindToRegistry("subjectSerialisation")
    private final SubjectSerialisation subjectSerialisation = new SubjectSerialisation(1_000);
    @BindToRegistry("stepOutbox")
    private final StepOutbox stepOutbox = LEDGER.ledger().steps();
    @BindToRegistry("action")
    private final ActionComponent actions = LEDGER.actions();

    @Produce("direct:payment-not-recognised")
    private ProducerTemplate flow;

    @Configure
    void loadTheRouteAlone(MainConfigurationProperties main) {
        RouteFile.withActions(main, "payment-not-recognised.camel.yaml", "payment-not-recognised", "raise-chargeback");
    }

    @AfterAll
    static void closeTheLedger() {
        LEDGER.close();
    }

    /** The banking-slots capability as the flow sees it: the slots of the customer's words, as a test wrote them. */
    public static final class FakeExtraction {
        private final Map<String, String> slotsByText = new HashMap<>();

        public ExtractionAnswer extract(HubRequest request, String requestId) throws JsonProcessingException {
            String slots = slotsByText.getOrDefault(request.text(), "{}");
            return new ExtractionAnswer(requestId, "banking-slots", (ObjectNode) FlowLedger.JSON.readTree(slots), true,
                    "recognizers", List.of());
        }
    }

    private static final Account ACCOUNT = new Account("ACC-1", "C-1", "DE89370400440532013000", "EUR", "CURRENT", "ACTIVE");

    private static Transaction debit(String id, String amount, String counterparty, String bookedAt) {
        return new Transaction(id, "ACC-1", Instant.parse(bookedAt), new BigDecimal(amount), "EUR", counterparty, "card payment", "dining");
    }

    private FlowLedger.Run customerSays(String text) {
        return LEDGER.run(flow, text, NOT_RECOGNISED, "payment-not-recognised");
    }

    @Test
    void theOnePaymentThatFitsIsDisputedOnceTheIndependentCheckAgrees() {
        bankingSlots.slotsByText.put(TRATTORIA, """
                {"amount_of_money":{"text":"42.80 euro","value":{"amount":42.80,"currency":"EUR"}},
                 "date":{"text":"9 November","value":"2026-11-09"},
                 "company_name":{"text":"Trattoria Da Nino","value":"Trattoria Da Nino"}}""");
        coreBanking.accounts.add(ACCOUNT);
        coreBanking.transactions.addAll(List.of(debit("TX-1", "-42.80", "Trattoria Da Nino", "2026-11-09T19:30:00Z"),
                debit("TX-2", "-42.80", "Kornfeld Supermarkt", "2026-11-10T09:00:00Z"),
                debit("TX-3", "-12.99", "Trattoria Da Nino", "2026-11-08T12:00:00Z")));

        FlowLedger.Run run = customerSays(TRATTORIA);

        assertThat(coreBanking.calls("list-transactions"))
                .containsExactly("list-transactions /accounts/ACC-1/transactions?from=2026-11-06&to=2026-11-12&limit=100");
        // Under the policy's amount (compliance/actions.yaml): verified by chargebackRules, then raised once.
        assertThat(coreBanking.calls("raise-chargeback")).hasSize(1).first().asString()
                .startsWith("raise-chargeback /transactions/TX-1/chargeback");
        assertThat(run.result().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.result().message()).startsWith("We have disputed the payment of 42.80 EUR to Trattoria Da Nino on 2026-11-09.");
        assertThat(run.result().actions()).containsExactly(new ActionTaken("raise-chargeback", "transaction:TX-1", "RAISED"));
        assertThat(LEDGER.step(run.requestId(), "policy").path("verdict").asText()).isEqualTo("dispute TX-1");
        assertThat(LEDGER.step(run.requestId(), "verified").path("agrees").asBoolean()).isTrue();
    }

    @Test
    void aDisputeOverThePolicysAmountWaitsForAnApproverAndNothingIsRaised() {
        String words = "I don't recognise the 349.99 payment to Ardent Electronics";
        bankingSlots.slotsByText.put(words, """
                {"amount_of_money":{"text":"349.99","value":{"amount":349.99,"currency":"EUR"}},
                 "company_name":{"text":"Ardent Electronics","value":"Ardent Electronics"}}""");
        coreBanking.accounts.add(ACCOUNT);
        coreBanking.transactions.add(debit("TX-9", "-349.99", "Ardent Electronics", "2026-11-13T13:30:00Z"));

        FlowLedger.Run run = customerSays(words);

        assertThat(coreBanking.calls("raise-chargeback")).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.PENDING_APPROVAL);
        assertThat(run.result().message()).startsWith("A colleague needs to approve this");
        String approvalId = run.result().actions().get(0).approvalId();
        assertThat(LEDGER.approvals().load(approvalId)).hasValueSatisfying(approval -> {
            assertThat(approval.requestId()).isEqualTo(run.requestId());
            assertThat(approval.state().wireName()).isEqualTo("awaiting");
            assertThat(approval.policy().rule()).isEqualTo("approve");
            assertThat(approval.action().amount()).isEqualByComparingTo("349.99");
        });
        assertThat(LEDGER.record(run.requestId()).status().name()).isEqualTo("AWAITING_APPROVAL");
    }

    /** A dispute over the policy's amount, approved by a person: its approval id. */
    private String approvedDispute(String transactionId) {
        String words = "I don't recognise the 349.99 payment to Ardent Electronics (" + transactionId + ")";
        bankingSlots.slotsByText.put(words, """
                {"amount_of_money":{"text":"349.99","value":{"amount":349.99,"currency":"EUR"}},
                 "company_name":{"text":"Ardent Electronics","value":"Ardent Electronics"}}""");
        coreBanking.accounts.add(ACCOUNT);
        coreBanking.transactions.add(debit(transactionId, "-349.99", "Ardent Electronics", "2026-11-13T13:30:00Z"));
        String approvalId = customerSays(words).result().actions().get(0).approvalId();
        Approval approved = LEDGER.approvals().decide(approvalId, Caller.of("agent-hub", "alice", Role.APPROVER,
                Set.of("demo-bank")), new DecisionRequest(DecisionRequest.Kind.APPROVE, Map.of(), "customer called"));
        assertThat(approved.state().wireName()).isEqualTo("approved");
        return approvalId;
    }

    @Test
    void anApprovedChargebackTheBackEndRefusesFailsAndTheRequestGoesToStaff() {
        String approvalId = approvedDispute("TX-7");
        coreBanking.failures.put("raise-chargeback",
                new BackendRefusedException("core-banking raise-chargeback answered 409", 409));

        Approval after = new ApprovalExecutor(LEDGER.approvals(), LEDGER.gate()).run(approvalId);

        assertThat(coreBanking.calls("raise-chargeback")).hasSize(1);
        assertThat(after.state().wireName()).isEqualTo("failed");
        assertThat(LEDGER.approvals().cleared()).doesNotContain(approvalId);
        RequestRecord request = LEDGER.record(after.requestId());
        assertThat(request.status().name()).isEqualTo("COMPLETED");
        assertThat(request.reply().path("outcome").asText()).isEqualTo("referred");
    }

    @Test
    void anApprovedChargebackWhoseOutcomeIsUnknownStaysApprovedForTheSweepUnderTheSameKey() {
        String approvalId = approvedDispute("TX-8");
        coreBanking.failures.put("raise-chargeback", new OutcomeUnknownException("core-banking raise-chargeback failed;"
                + " whether it took effect is not known", "raise-chargeback", "k", null));
        ApprovalExecutor executor = new ApprovalExecutor(LEDGER.approvals(), LEDGER.gate());

        assertThat(executor.run(approvalId).state().wireName()).isEqualTo("approved");
        assertThat(executor.due()).contains(approvalId);

        coreBanking.failures.clear();
        assertThat(executor.run(approvalId).state().wireName()).isEqualTo("executed");
        List<String> sent = coreBanking.calls("raise-chargeback");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isEqualTo(sent.get(1));
    }

    @Test
    void whenSeveralPaymentsFitTheDisputeGoesToAPersonWithThemAll() {
        bankingSlots.slotsByText.put("who took 42.80 from me?", """
                {"amount_of_money":{"text":"42.80","value":{"amount":42.80,"currency":"EUR"}}}""");
        coreBanking.accounts.add(ACCOUNT);
        coreBanking.transactions.addAll(List.of(debit("TX-1", "-42.80", "Trattoria Da Nino", "2026-11-09T19:30:00Z"),
                debit("TX-2", "-42.80", "Kornfeld Supermarkt", "2026-11-10T09:00:00Z")));

        FlowLedger.Run run = customerSays("who took 42.80 from me?");

        assertThat(coreBanking.calls("raise-chargeback")).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(run.result().actions()).extracting(ActionTaken::target).containsExactly("transaction:TX-2", "transaction:TX-1");
        assertThat(LEDGER.reviews().page("pending", "500", null, List.of("demo-bank")).items())
                .filteredOn(item -> item.requestId().equals(run.requestId()))
                .singleElement().satisfies(item -> assertThat(item.reason()).startsWith("customer disputes TX-2, TX-1;"));
    }

    @Test
    void withoutAnAmountOrAPayeeTheCustomerIsAskedWhichPaymentAndNoBackEndIsCalled() {
        bankingSlots.slotsByText.put("there is a payment I don't know", "{}");

        FlowLedger.Run run = customerSays("there is a payment I don't know");

        assertThat(coreBanking.calls).isEmpty();
        assertThat(run.result().outcome()).isEqualTo(Outcome.NEEDS_INFORMATION);
        assertThat(run.result().message()).startsWith("Which payment do you not recognise?");
        assertThat(LEDGER.stepNames(run.requestId())).doesNotContain("policy");
    }

    @Test
    void aPaymentNotFoundIsStillReferredWithWhatWasSearchedFor() {
        bankingSlots.slotsByText.put("who charged me 99 euro?", """
                {"amount_of_money":{"text":"99 euro","value":{"amount":99,"currency":"EUR"}}}""");
        coreBanking.accounts.add(ACCOUNT);
        coreBanking.transactions.add(debit("TX-1", "-42.80", "Trattoria Da Nino", "2026-11-09T19:30:00Z"));

        FlowLedger.Run run = customerSays("who charged me 99 euro?");

        assertThat(coreBanking.calls("list-transactions"))
                .containsExactly("list-transactions /accounts/ACC-1/transactions?from=2026-10-03&to=2026-12-02&limit=100");
        assertThat(run.result().outcome()).isEqualTo(Outcome.REFERRED);
        assertThat(run.result().message()).startsWith("We could not find a payment of 99 booked 2026-10-03 to 2026-12-02.");
        assertThat(LEDGER.step(run.requestId(), "policy").path("verdict").asText()).isEqualTo("no payment found");
    }
}
