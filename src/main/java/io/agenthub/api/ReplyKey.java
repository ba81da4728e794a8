package io.agenthub.api;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every text the hub says to a customer, by its key in the message templates (routes/messages/), with the
 * placeholders the flow fills in. The words themselves live in the templates, per tenant and language, so an
 * integrator rewords them without Java; a template may use these placeholders and no others.
 */
public enum ReplyKey {
    /** No tier was confident, so people decide. */
    REFERRAL_NOT_UNDERSTOOD("referral-not-understood"),
    /** The intent is known, but no automated flow serves it. */
    REFERRAL_NO_FLOW("referral-no-flow"),
    /** A reviewer found the request outside what the hub serves. */
    REFERRAL_OUT_OF_SCOPE("referral-out-of-scope"),
    /** A reviewer answered the request in their own words, {@code answer}. */
    REFERRAL_ANSWERED("referral-answered", "answer"),
    CARD_BLOCKED("card-blocked", "brand", "last4"),
    /** The customer named a card by a number the hub cannot read (erased, or no vault). */
    CARD_NUMBER_NOT_FOUND("card-number-not-found"),
    /** The customer named cards by endings none of their active cards has; {@code endings} joined by the next key. */
    CARD_ENDING_NOT_FOUND("card-ending-not-found", "endings"),
    CARD_ENDINGS_SEPARATOR("card-endings-separator"),
    CARD_NONE_ACTIVE("card-none-active"),
    CARD_WHICH_ONE("card-which-one", "count"),
    /** {@code payment} is one of the four {@code payment-sought-*} texts below. */
    PAYMENT_NOT_FOUND("payment-not-found", "payment"),
    PAYMENT_SOUGHT_AMOUNT_PAYEE("payment-sought-amount-payee", "amount", "payee", "from", "to"),
    PAYMENT_SOUGHT_AMOUNT("payment-sought-amount", "amount", "from", "to"),
    PAYMENT_SOUGHT_PAYEE("payment-sought-payee", "payee", "from", "to"),
    PAYMENT_SOUGHT_ANY("payment-sought-any", "from", "to"),
    /** One payment found; {@code payments} is one {@code payment-line}. */
    PAYMENT_FOUND("payment-found", "payments"),
    /** Several found; {@code payments} is their {@code payment-line}s joined by {@code payment-lines-separator}. */
    PAYMENTS_FOUND("payments-found", "payments"),
    PAYMENT_LINE("payment-line", "amount", "currency", "payee", "date"),
    PAYMENT_LINES_SEPARATOR("payment-lines-separator"),
    PAYMENT_ASK_WHICH("payment-ask-which"),
    /** A back-end has not confirmed an action it was asked to take. */
    AWAITING_CONFIRMATION("awaiting-confirmation"),
    /** The action the flow proposed waits for people's approval (compliance/actions.yaml). */
    ACTION_PENDING_APPROVAL("action-pending-approval"),
    /** People did not approve the action. */
    ACTION_DENIED("action-denied"),
    /** No one decided before the approval's deadline: staff take it up. */
    ACTION_EXPIRED("action-expired"),
    /** Approved, but the back-end refused it: staff take it up. */
    ACTION_FAILED("action-failed"),
    /** The customer's data was erased before the action ran. */
    ACTION_CANCELLED("action-cancelled"),
    /** A dispute of a card or direct-debit payment was raised. */
    CHARGEBACK_RAISED("chargeback-raised", "amount", "currency", "payee", "date"),
    /** The customer's contact details were changed at core banking. */
    CONTACT_DETAILS_CHANGED("contact-details-changed"),
    /** The customer asked to change contact details, but did not say to what. */
    CONTACT_DETAILS_ASK_WHICH("contact-details-ask-which"),
    /** A message went to the customer through the bank's contact systems (send-outreach), by {@code channel}. */
    OUTREACH_SENT("outreach-sent", "channel"),
    /** Collections: a person, not the job, contacts the customer (a vulnerable customer, or a strategy that says so). */
    COLLECTIONS_REFERRED("collections-referred"),
    /** Collections: the rules held the contact back when the record ran (a limit, quiet hours, nothing due). */
    COLLECTIONS_NOT_CONTACTED("collections-not-contacted"),
    /** A fraud alert: the customer was asked whether they made the payment (fraud-alert). */
    FRAUD_CUSTOMER_ASKED("fraud-customer-asked"),
    /** The customer said the flagged payment was not theirs: the card is blocked. */
    FRAUD_CARD_BLOCKED("fraud-card-blocked", "brand", "last4"),
    /** The customer said the flagged payment was theirs: nothing is done. */
    FRAUD_NOT_FRAUD("fraud-not-fraud"),
    /** No clear answer, or none by the deadline: people take the alert up. */
    FRAUD_ESCALATED("fraud-escalated"),
    /** Transfer status (transfer-status): no transfer was sent from the customer's accounts in the period. */
    TRANSFERS_NONE("transfers-none", "from", "to"),
    /** {@code transfers}: one transfer-* line each, joined by transfer-lines-separator, newest first. */
    TRANSFERS_FOUND("transfers-found", "from", "to", "transfers"),
    TRANSFER_LINES_SEPARATOR("transfer-lines-separator"),
    TRANSFER_PENDING("transfer-pending", "amount", "currency", "payee", "date", "arrival"),
    TRANSFER_COMPLETED("transfer-completed", "amount", "currency", "payee", "date", "completed", "arrival"),
    /** {@code reason}: one of the transfer-reason-* texts. */
    TRANSFER_REJECTED("transfer-rejected", "amount", "currency", "payee", "date", "reason"),
    TRANSFER_RETURNED("transfer-returned", "amount", "currency", "payee", "date", "reason"),
    TRANSFER_REASON_INSUFFICIENT_FUNDS("transfer-reason-insufficient-funds"),
    TRANSFER_REASON_ACCOUNT_NOT_ACTIVE("transfer-reason-account-not-active"),
    TRANSFER_REASON_PAYEE_ACCOUNT("transfer-reason-payee-account"),
    TRANSFER_REASON_PAYEE_NAME("transfer-reason-payee-name"),
    TRANSFER_REASON_OTHER("transfer-reason-other"),
    /** A claim notice lacks what a claim needs; {@code missing} is claim-missing-* texts joined by the separator. */
    CLAIM_ASK_MISSING("claim-ask-missing", "missing"),
    CLAIM_MISSING_POLICY_NUMBER("claim-missing-policy-number"),
    CLAIM_MISSING_DATE_OF_LOSS("claim-missing-date-of-loss"),
    CLAIM_MISSING_LOSS_TYPE("claim-missing-loss-type"),
    CLAIM_MISSING_SEPARATOR("claim-missing-separator"),
    /** The insurer has no policy of the number given. */
    CLAIM_POLICY_NOT_FOUND("claim-policy-not-found", "policyNumber"),
    /** A claims handler looks at the notice before a claim is opened (not covered, a duplicate, another's policy). */
    CLAIM_IN_REVIEW("claim-in-review"),
    /** A claim was opened and a claims handler assesses it (no amount given, or something to look at). */
    CLAIM_OPENED("claim-opened", "claimNumber"),
    /** The loss is within the policy's deductible: nothing is paid. */
    CLAIM_BELOW_DEDUCTIBLE("claim-below-deductible", "claimNumber", "deductible", "currency"),
    /** The claim was paid. */
    CLAIM_PAID("claim-paid", "claimNumber", "amount", "currency"),
    /** Where a customer's claim is up to (claim-status); {@code claim} is one {@code claim-status-line}. */
    CLAIM_STATUS_ONE("claim-status-one", "claim"),
    /** Several claims; {@code claims} is their {@code claim-status-line}s joined by {@code claim-status-separator}. */
    CLAIM_STATUS_MANY("claim-status-many", "claims"),
    /** {@code state} is one of the {@code claim-state-*} texts below. */
    CLAIM_STATUS_LINE("claim-status-line", "claimNumber", "dateOfLoss", "state"),
    CLAIM_STATUS_SEPARATOR("claim-status-separator"),
    CLAIM_STATE_OPEN("claim-state-open"),
    CLAIM_STATE_IN_REVIEW("claim-state-in-review"),
    CLAIM_STATE_SETTLED("claim-state-settled", "amount", "currency"),
    CLAIM_STATE_REJECTED("claim-state-rejected"),
    CLAIM_STATE_CLOSED("claim-state-closed"),
    /** A status the hub has no words for: staff tell the customer. */
    CLAIM_STATE_OTHER("claim-state-other"),
    /** The claim number the customer gave is not one of their claims: staff look into it. */
    CLAIM_STATUS_NOT_FOUND("claim-status-not-found", "claimNumber"),
    /** The customer has no claim at the insurer: staff look into it. */
    CLAIM_STATUS_NONE("claim-status-none");

    private final String key;
    private final List<String> placeholders;

    ReplyKey(String key, String... placeholders) {
        this.key = key;
        this.placeholders = List.of(placeholders);
    }

    /** The key in the templates, e.g. {@code card-blocked}. */
    public String key() {
        return key;
    }

    public List<String> placeholders() {
        return placeholders;
    }

    public static Optional<ReplyKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
