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

    /**
     * How far an accepted transfer got: on its way to the payee's bank, credited there, or sent back by it (the
     * refund booked as a transaction of its own).
     */
    public enum Settlement { PENDING, SETTLED, RETURNED }

    public enum ChargebackStatus { RAISED }

    /** Contact details are optional in a seed: a bank's older records may lack a phone number or an address. */
    public record Customer(String customerId, String name, String email, String segment, Address address, String phone) {

        Customer withContact(ContactChange change) {
            return new Customer(customerId, name, change.email() != null ? change.email() : email, segment,
                    change.address() != null ? change.address() : address,
                    change.phone() != null ? change.phone() : phone);
        }
    }

    /** A postal address; {@code line2} (flat, floor, c/o) is optional. */
    public record Address(String line1, String line2, String city, String postcode, String country) {
    }

    /** How a customer can be reached; {@code updatedAt} is absent until the details are first changed. */
    public record ContactDetails(String customerId, Address address, String email, String phone, Instant updatedAt) {
    }

    public record Account(String accountId, String customerId, String iban, String currency, String type,
                          AccountStatus status) {

        /** A closed account stays closed: closing it again changes nothing. */
        Account closed() {
            return new Account(accountId, customerId, iban, currency, type, AccountStatus.CLOSED);
        }
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

    /**
     * A credit transfer. Of an accepted one, {@code settlement} says how far it got, {@code expectedArrival} when the
     * payee's bank should have it, {@code settledAt} when it did, {@code returnReason} why it was sent back.
     */
    public record Payment(String paymentId, PaymentStatus status, String rejectionReason, String fromAccountId,
                          String creditorName, String creditorIban, BigDecimal amount, String currency,
                          String reference, Instant createdAt, String transactionId, Settlement settlement,
                          java.time.LocalDate expectedArrival, Instant settledAt, String returnReason) {
    }

    /** A dispute of a booked debit; {@code amount} is the disputed (positive) amount, the whole debit. */
    public record Chargeback(String chargebackId, String transactionId, BigDecimal amount, String currency,
                             ChargebackStatus status, Instant raisedAt) {
    }

    // The validated requests of the writes below are what the sandbox journals and replays, and what an
    // Idempotency-Key is bound to: records, so equal requests compare (and serialise) equal.

    /** A validated card block. */
    public record CardBlock(String cardId, BlockReason reason) {
    }

    /** A validated chargeback request; the amount carries scale 2. */
    public record ChargebackOrder(String transactionId, String reason, BigDecimal amount, String currency) {
    }

    /** A validated change of contact details; a null part stays as it is, an address is replaced as a whole. */
    public record ContactChange(String customerId, Address address, String email, String phone) {
    }

    /** A validated account closure. */
    public record AccountClosure(String accountId) {
    }

    /** A validated payment request; amounts carry scale 2 so equal orders compare equal. */
    public record PaymentOrder(String fromAccountId, String creditorName, String creditorIban, BigDecimal amount,
                               String currency, String reference) {
    }
}
