package io.agenthub.flows.payments;

import io.agenthub.api.PolicyVerdict;
import io.agenthub.connectors.corebanking.Transaction;

import java.util.List;
import java.util.stream.Collectors;

/** The customer's debits that fit a {@link PaymentSearch}, newest first. */
public record PaymentMatches(PaymentSearch search, List<Transaction> matched) {

    public PolicyVerdict verdict() {
        return new PolicyVerdict("unrecognised-payment", matched.isEmpty() ? "no payment found"
                : "dispute " + matched.stream().map(Transaction::transactionId).collect(Collectors.joining(", ")),
                "searched for " + search.described());
    }

    /** Exactly one debit fits: the one to dispute. */
    public boolean single() {
        return matched.size() == 1;
    }

    /** What the person who reviews the dispute is told. */
    public String reviewReason() {
        return matched.isEmpty() ? "customer disputes a payment we could not find: " + search.described()
                : "customer disputes " + matched.stream().map(Transaction::transactionId).collect(Collectors.joining(", "))
                        + "; approve a chargeback or call the customer";
    }
}
