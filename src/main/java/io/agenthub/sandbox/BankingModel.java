package io.agenthub.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The core-banking sandbox's resources, serialised as-is to JSON; optional fields are null and omitted. */
public final class BankingModel {

    private BankingModel() {
    }

    public enum AccountStatus { ACTIVE, BLOCKED, CLOSED }

    public enum CardType { DEBIT, CREDIT }

    public enum CardStatus { ACTIVE, BLOCKED }

    public enum BlockReason { LOST, STOLEN, DAMAGED, FRAUD_SUSPECTED }

    public enum PaymentStatus { ACCEPTED, REJECTED }

    public record Customer(String customerId, String name, String email, String segment) {
    }

    public record Account(String accountId, String customerId, String iban, String currency, String type,
                          AccountStatus status) {
    }

    public record Balance(String accountId, String currency, BigDecimal available, BigDecimal booked, Instant asOf) {
    }

    public record Card(String cardId, String customerId, String accountId, String last4, String brand, CardType type,
                       CardStatus status, BlockReason blockReason, Instant blockedAt) {

        public boolean blocked() {
            return status == CardStatus.BLOCKED;
        }

        /** A blocked card keeps its first reason: re-blocking must not rewrite the audit trail. */
        Card blockedFor(BlockReason reason, Instant at) {
            Objects.requireNonNull(reason, "reason");
            return blocked() ? this
                    : new Card(cardId, customerId, accountId, last4, brand, type, CardStatus.BLOCKED, reason, at);
        }
    }

    public record Transaction(String transactionId, String accountId, Instant bookedAt, BigDecimal amount,
                              String currency, String counterparty, String description, String category) {
    }

    public record Payment(String paymentId, PaymentStatus status, String rejectionReason, String fromAccountId,
                          String creditorName, String creditorIban, BigDecimal amount, String currency,
                          String reference, Instant createdAt, String transactionId) {
    }

    /** A validated payment request; amounts carry scale 2 so equal orders compare equal. */
    public record PaymentOrder(String fromAccountId, String creditorName, String creditorIban, BigDecimal amount,
                               String currency, String reference) {
    }
}
