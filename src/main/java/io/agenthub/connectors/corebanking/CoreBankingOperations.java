package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.connectors.ConnectorAnswers;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The operations of the core-banking contract ({@code connectors/core-banking.openapi.yaml}) that flows use, in
 * typed form: each builds the call (operation, method, path) a flow sends to {@code direct:core-banking}, and reads
 * the answer back into records. How the call travels (base URL, timeouts, retries, breaker) is the connector's
 * route template, {@code connectors/core-banking.camel.yaml}.
 */
public final class CoreBankingOperations {

    public static final String NAME = "core-banking";

    /** What {@link #changeContactDetails} may change, as the contract's ContactDetailsChange has it. */
    public static final Set<String> CONTACT_PARTS = Set.of("address", "email", "phone");


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
     * {@code GET /accounts/{accountId}/payments} (listAccountPayments) for each account of a {@link #listAccounts} answer:
     * the transfers sent from it, created from {@code from} to {@code to} (inclusive, UTC days), at most 100 each.
     */
    public List<ConnectorCall> listPayments(ConnectorResponse accountsAnswer, LocalDate from, LocalDate to) {
        return accounts(accountsAnswer).stream()
                .map(account -> ConnectorCall.get("list-payments", "/accounts/" + encode(account.accountId())
                        + "/payments?from=" + from + "&to=" + to + "&limit=100"))
                .toList();
    }

    /** The transfers of every {@link #listPayments} answer, newest first. */
    public List<Payment> payments(List<ConnectorResponse> answers) {
        return answers.stream()
                .peek(answer -> expectOk(answer, "list-payments"))
                .flatMap(answer -> Arrays.stream(json.convertValue(answer.body(), Payment[].class)))
                .sorted(Comparator.comparing(Payment::createdAt).reversed())
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

    /**
     * {@code POST /transactions/{transactionId}/chargeback} (raiseChargeback): disputes a booked debit as a whole
     * ({@code amount} and {@code currency} are the debit's). The back-end accepts one chargeback per debit; the key
     * (the caller's, e.g. derived from an approval) makes a retry or a re-run after a crash answer the first one.
     */
    public ConnectorCall raiseChargeback(String transactionId, String reason, BigDecimal amount, String currency,
                                         String idempotencyKey) {
        Objects.requireNonNull(amount, "amount");
        return ConnectorCall.post("raise-chargeback", "/transactions/" + encode(transactionId) + "/chargeback",
                new ChargebackRequest(required(reason, "reason"), amount, required(currency, "currency")),
                required(idempotencyKey, "idempotencyKey"));
    }

    /** The chargeback as the back-end raised it; any refusal (404, 409 already disputed, 422) is a back-end failure. */
    public Chargeback chargeback(ConnectorResponse answer) {
        expectOk(answer, "raise-chargeback");
        return json.convertValue(answer.body(), Chargeback.class);
    }

    /**
     * {@code PUT /customers/{customerId}/contact-details} (changeContactDetails): {@code details} holds the parts to
     * change, any of {@code address} (an object of {@code line1, line2, city, postcode, country}, replacing the
     * address as a whole), {@code email} and {@code phone}; the back-end validates each.
     *
     * @throws IllegalArgumentException when {@code details} is empty or holds anything else
     */
    public ConnectorCall changeContactDetails(String customerId, Map<String, Object> details, String idempotencyKey) {
        if (details == null || details.isEmpty() || !CONTACT_PARTS.containsAll(details.keySet())) {
            throw new IllegalArgumentException("contact details to change must be some of " + CONTACT_PARTS
                    + ", got " + (details == null ? "none" : details.keySet()));
        }
        return new ConnectorCall("change-contact-details", "PUT", "/customers/" + encode(customerId) + "/contact-details",
                new TreeMap<>(details), required(idempotencyKey, "idempotencyKey"));
    }

    /** The customer's contact details after the change. */
    public ContactDetails contactDetails(ConnectorResponse answer) {
        expectOk(answer, "change-contact-details");
        return json.convertValue(answer.body(), ContactDetails.class);
    }

    /** {@code POST /accounts/{accountId}/close} (closeAccount), without a body; 409 while the account holds money. */
    public ConnectorCall closeAccount(String accountId, String idempotencyKey) {
        return ConnectorCall.post("close-account", "/accounts/" + encode(accountId) + "/close", null,
                required(idempotencyKey, "idempotencyKey"));
    }

    /** The account as the back-end closed it. */
    public Account closed(ConnectorResponse answer) {
        expectOk(answer, "close-account");
        return json.convertValue(answer.body(), Account.class);
    }

    /** The body of raiseChargeback, in the contract's field order. */
    private record ChargebackRequest(String reason, BigDecimal amount, String currency) {
    }

    private <T> List<T> customerList(ConnectorResponse answer, String operation, Class<T[]> type) {
        return ConnectorAnswers.listOf(NAME, json, answer, operation, type);
    }

    private static void expectOk(ConnectorResponse answer, String operation) {
        ConnectorAnswers.expectOk(NAME, answer, operation);
    }

    private static String required(String value, String name) {
        return ConnectorAnswers.required(value, name);
    }

    private static String encode(String pathSegment) {
        return ConnectorAnswers.segment(pathSegment);
    }
}
