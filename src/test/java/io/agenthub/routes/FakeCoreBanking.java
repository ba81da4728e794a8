package io.agenthub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;
import io.agenthub.connectors.corebanking.Account;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.connectors.corebanking.Transaction;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.AdviceWithRouteBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Core banking as a flow route reaches it: the calls it sends to {@code direct:core-banking} are answered here, from
 * lists a test fills, and counted. {@link InPlaceOfTheConnector} puts it where the connector's route template
 * would be, so the flow's own steps build each call and read each answer as in the hub.
 */
public final class FakeCoreBanking implements Processor {

    /** The bean name the advice sends the connector's calls to. */
    static final String BEAN = "fakeCoreBanking";

    final List<Card> cards = new ArrayList<>();
    final List<Account> accounts = new ArrayList<>();
    final List<Transaction> transactions = new ArrayList<>();
    final List<io.agenthub.connectors.corebanking.Payment> payments = new ArrayList<>();
    /** Every call, as operation, path and a write's values ({@code block-card /cards/CRD-1/block [LOST]}). */
    final List<String> calls = new ArrayList<>();
    /** What the connector throws for an operation instead of answering (a refusal, an unknown outcome), by operation. */
    final Map<String, RuntimeException> failures = new java.util.HashMap<>();

    /** Replaces every {@code to: direct:core-banking} of the advised route with this fake. */
    public static final class InPlaceOfTheConnector extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveByToUri("direct:core-banking").replace().process(BEAN);
        }
    }

    List<String> calls(String operation) {
        return calls.stream().filter(call -> call.startsWith(operation + " ")).toList();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConnectorCall call = exchange.getMessage().getMandatoryBody(ConnectorCall.class);
        calls.add(call.operation() + " " + call.path() + (call.body() instanceof Map<?, ?> body ? " " + body.values() : ""));
        if (failures.containsKey(call.operation())) {
            throw failures.get(call.operation());
        }
        JsonNode answer = FlowLedger.JSON.valueToTree(switch (call.operation()) {
            case "list-cards" -> cards;
            case "list-accounts" -> accounts;
            case "list-transactions" -> transactions.stream()
                    .filter(t -> call.path().startsWith("/accounts/" + t.accountId() + "/")).toList();
            case "list-payments" -> payments.stream()
                    .filter(p -> call.path().startsWith("/accounts/" + p.fromAccountId() + "/")).toList();
            case "block-card" -> blocked(call);
            case "raise-chargeback" -> Map.of("chargebackId", "CB-1", "transactionId",
                    call.path().split("/")[2], "status", "RAISED");
            case "change-contact-details" -> call.body();
            default -> throw new IllegalArgumentException("core banking has no operation " + call.operation());
        });
        exchange.getMessage().setBody(new ConnectorResponse(200, answer));
    }

    private Card blocked(ConnectorCall call) {
        String reason = ((Map<?, ?>) call.body()).get("reason").toString();
        Card card = cards.stream().filter(c -> call.path().equals("/cards/" + c.cardId() + "/block")).findFirst()
                .orElseThrow();
        return new Card(card.cardId(), card.customerId(), card.accountId(), card.last4(), card.brand(), card.type(),
                "BLOCKED", reason);
    }
}
