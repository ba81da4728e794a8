package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.api.BackendRefusedException;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The operations of the core-banking contract ({@code connectors/core-banking.openapi.yaml}) that flows use, in
 * typed form: each builds the call (operation, method, path) a flow sends to {@code direct:core-banking}, and reads
 * the answer back into records. How the call travels (base URL, timeouts, retries, breaker) is the connector's
 * route template, {@code connectors/core-banking.camel.yaml}.
 */
public final class CoreBankingOperations {

    public static final String NAME = "core-banking";

    private final ObjectMapper json;

    public CoreBankingOperations(ObjectMapper json) {
        this.json = json;
    }

    /** {@code GET /customers/{customerId}/cards} (listCustomerCards). */
    public ConnectorCall listCards(String customerId) {
        return ConnectorCall.get("list-cards", "/customers/" + encode(customerId) + "/cards");
    }

    /** The customer's cards; empty when the back-end does not know the customer. */
    public List<Card> cards(ConnectorResponse answer) {
        return customerList(answer, "list-cards", Card[].class);
    }

    /** {@code GET /customers/{customerId}/accounts} (listCustomerAccounts). */
    public ConnectorCall listAccounts(String customerId) {
        return ConnectorCall.get("list-accounts", "/customers/" + encode(customerId) + "/accounts");
    }

    /** The customer's accounts; empty when the back-end does not know the customer. */
    public List<Account> accounts(ConnectorResponse answer) {
        return customerList(answer, "list-accounts", Account[].class);
    }

    /**
     * {@code GET /accounts/{accountId}/transactions} (listAccountTransactions) for each account of a
     * {@link #listAccounts} answer: booked from {@code from} to {@code to} (inclusive, UTC days), at most 100 each.
     */
    public List<ConnectorCall> listTransactions(ConnectorResponse accountsAnswer, LocalDate from, LocalDate to) {
        return accounts(accountsAnswer).stream()
                .map(account -> ConnectorCall.get("list-transactions", "/accounts/" + encode(account.accountId())
                        + "/transactions?from=" + from + "&to=" + to + "&limit=100"))
                .toList();
    }

    /** The transactions of every {@link #listTransactions} answer, newest first. */
    public List<Transaction> transactions(List<ConnectorResponse> answers) {
        return answers.stream()
                .peek(answer -> expectOk(answer, "list-transactions"))
                .flatMap(answer -> Arrays.stream(json.convertValue(answer.body(), Transaction[].class)))
                .sorted(Comparator.comparing(Transaction::bookedAt).reversed())
                .toList();
    }

    /**
     * {@code POST /cards/{cardId}/block} (blockCard). The idempotency key is the action gate's (of the request and card,
     * or of the approval), so a retry (by us, by the caller, or after a crash) can never block twice or with a
     * different reason.
     */
    public ConnectorCall blockCard(String cardId, BlockReason reason, String idempotencyKey) {
        return ConnectorCall.post("block-card", "/cards/" + encode(cardId) + "/block", Map.of("reason", reason.name()),
                idempotencyKey);
    }

    /** The card as the back-end blocked it. */
    public Card blocked(ConnectorResponse answer) {
        expectOk(answer, "block-card");
        return json.convertValue(answer.body(), Card.class);
    }

    private <T> List<T> customerList(ConnectorResponse answer, String operation, Class<T[]> type) {
        if (answer.status() == 404) {
            return List.of();
        }
        expectOk(answer, operation);
        return Arrays.asList(json.convertValue(answer.body(), type));
    }

    private static void expectOk(ConnectorResponse answer, String operation) {
        if (answer.status() >= 400 && answer.status() < 500) {
            throw new BackendRefusedException(NAME + " " + operation + " answered " + answer.status(), answer.status());
        }
        if (!answer.ok()) {
            throw new BackendException(NAME + " " + operation + " answered " + answer.status());
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
