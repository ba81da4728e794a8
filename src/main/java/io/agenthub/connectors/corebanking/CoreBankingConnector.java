package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorClient;
import io.agenthub.connectors.ConnectorResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The core-banking back-end in typed calls, for flows to use from their routes. The HTTP details
 * (base URL, timeouts, retries, breaker) live in {@code connectors/core-banking.properties}.
 */
public final class CoreBankingConnector {

    public static final String NAME = "core-banking";

    private final ConnectorClient client;
    private final ObjectMapper json;

    public CoreBankingConnector(ConnectorClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** The customer's cards; empty when the back-end does not know the customer. */
    public List<Card> cardsOf(String customerId, String requestId) {
        return customerList(customerId, "cards", Card[].class, requestId);
    }

    /** The customer's accounts; empty when the back-end does not know the customer. */
    public List<Account> accountsOf(String customerId, String requestId) {
        return customerList(customerId, "accounts", Account[].class, requestId);
    }

    /** {@code GET /customers/{id}/<what>} as a list (operation {@code list-<what>}); empty when the customer is unknown. */
    private <T> List<T> customerList(String customerId, String what, Class<T[]> type, String requestId) {
        String operation = "list-" + what;
        ConnectorResponse response = client.call(requestId,
                ConnectorCall.get(operation, "/customers/" + encode(customerId) + "/" + what));
        if (response.status() == 404) {
            return List.of();
        }
        expectOk(response, operation);
        return Arrays.asList(json.convertValue(response.body(), type));
    }

    /** An account's transactions booked from {@code from} to {@code to} (inclusive, UTC days), newest first, at most 100. */
    public List<Transaction> transactions(String accountId, LocalDate from, LocalDate to, String requestId) {
        ConnectorResponse response = client.call(requestId, ConnectorCall.get("list-transactions",
                "/accounts/" + encode(accountId) + "/transactions?from=" + from + "&to=" + to + "&limit=100"));
        expectOk(response, "list-transactions");
        return Arrays.asList(json.convertValue(response.body(), Transaction[].class));
    }

    /** The transactions of all the customer's accounts booked from {@code from} to {@code to}, newest first. */
    public List<Transaction> transactionsOf(String customerId, LocalDate from, LocalDate to, String requestId) {
        return accountsOf(customerId, requestId).stream()
                .flatMap(account -> transactions(account.accountId(), from, to, requestId).stream())
                .sorted(java.util.Comparator.comparing(Transaction::bookedAt).reversed())
                .toList();
    }

    /**
     * Blocks a card. The idempotency key is derived from the request, so a retry (by us, by the
     * caller, or after a crash) can never block twice or with a different reason.
     */
    public Card blockCard(String cardId, BlockReason reason, String requestId) {
        ConnectorResponse response = client.call(requestId, ConnectorCall.post("block-card",
                "/cards/" + encode(cardId) + "/block", Map.of("reason", reason.name()),
                requestId + ":block-card:" + cardId));
        expectOk(response, "block-card");
        return json.convertValue(response.body(), Card.class);
    }

    private static void expectOk(ConnectorResponse response, String operation) {
        if (!response.ok()) {
            throw new BackendException(NAME + " " + operation + " answered " + response.status());
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
