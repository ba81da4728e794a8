package io.agenthub.sandbox;

import io.agenthub.sandbox.BankingModel.Card;
import io.agenthub.sandbox.BankingModel.CardStatus;
import io.agenthub.sandbox.BankingModel.Customer;
import io.agenthub.sandbox.BankingModel.Payment;
import io.agenthub.sandbox.BankingModel.Transaction;
import io.agenthub.sandbox.InsuranceModel.Claim;
import io.agenthub.sandbox.InsuranceModel.Policy;
import io.agenthub.sandbox.InsuranceModel.Policyholder;
import io.agenthub.sandbox.SandboxSeed.CoreBanking;
import io.agenthub.sandbox.SandboxSeed.Insurance;
import io.agenthub.sandbox.SandboxSeed.SeedAccount;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Rejects seeds with dangling references or malformed values, reporting every problem at once. */
final class SeedIntegrity {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern LAST4 = Pattern.compile("\\d{4}");

    private final List<String> problems = new ArrayList<>();

    private SeedIntegrity() {
    }

    static void check(CoreBanking bank, Insurance insurance) {
        SeedIntegrity integrity = new SeedIntegrity();
        integrity.checkBank(bank);
        integrity.checkInsurance(insurance);
        if (!integrity.problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid sandbox seed: " + String.join("; ", integrity.problems));
        }
    }

    private void checkBank(CoreBanking bank) {
        Map<String, Customer> customers = index("customer", bank.customers(), Customer::customerId);
        Map<String, SeedAccount> accounts = index("account", bank.accounts(), SeedAccount::accountId);
        index("card", bank.cards(), Card::cardId);
        Map<String, Transaction> transactions = index("transaction", bank.transactions(), Transaction::transactionId);
        index("payment", bank.payments(), Payment::paymentId);

        for (Customer c : bank.customers()) {
            problems.addAll(ContactRules.problems(c));
        }
        for (SeedAccount a : bank.accounts()) {
            String where = "account " + a.accountId();
            require(customers.containsKey(a.customerId()), where + " references unknown customer " + a.customerId());
            require(Iban.isValid(a.iban()), where + " has an invalid IBAN " + a.iban());
            currency(where, a.currency());
            require(a.status() != null, where + " has no status");
            amount(where + " available", a.available());
            amount(where + " booked", a.booked());
        }
        for (Card c : bank.cards()) {
            String where = "card " + c.cardId();
            SeedAccount account = accounts.get(c.accountId());
            require(account != null, where + " references unknown account " + c.accountId());
            require(account == null || account.customerId().equals(c.customerId()),
                    where + " belongs to " + c.customerId() + " but its account does not");
            require(c.last4() != null && LAST4.matcher(c.last4()).matches(), where + " needs four digits in last4");
            require(c.type() != null && c.status() != null, where + " needs type and status");
            boolean blocked = c.status() == CardStatus.BLOCKED;
            require(blocked == (c.blockReason() != null && c.blockedAt() != null),
                    where + " must have blockReason and blockedAt exactly when BLOCKED");
        }
        for (Transaction t : bank.transactions()) {
            String where = "transaction " + t.transactionId();
            SeedAccount account = accounts.get(t.accountId());
            require(account != null, where + " references unknown account " + t.accountId());
            require(account == null || account.currency().equals(t.currency()), where + " currency differs from its account");
            require(t.bookedAt() != null, where + " has no bookedAt");
            amount(where + " amount", t.amount());
        }
        for (Payment p : bank.payments()) {
            String where = "payment " + p.paymentId();
            require(accounts.containsKey(p.fromAccountId()), where + " references unknown account " + p.fromAccountId());
            require(Iban.isValid(p.creditorIban()), where + " has an invalid creditor IBAN");
            require(p.status() != null && p.createdAt() != null, where + " needs status and createdAt");
            require(p.transactionId() == null || transactions.containsKey(p.transactionId()),
                    where + " references unknown transaction " + p.transactionId());
            currency(where, p.currency());
            amount(where + " amount", p.amount());
            boolean accepted = p.status() == BankingModel.PaymentStatus.ACCEPTED;
            require(accepted || (p.settlement() == null && p.settledAt() == null && p.expectedArrival() == null),
                    where + " is not accepted, so it has no settlement");
            require(p.settlement() != BankingModel.Settlement.SETTLED || p.settledAt() != null,
                    where + " is SETTLED and needs settledAt");
            require((p.settlement() == BankingModel.Settlement.RETURNED) == (p.returnReason() != null),
                    where + " must have a returnReason exactly when RETURNED");
        }
    }

    private void checkInsurance(Insurance insurance) {
        Map<String, Policyholder> holders = index("policyholder", insurance.customers(), Policyholder::customerId);
        Map<String, Policy> policies = index("policy", insurance.policies(), Policy::policyNumber);
        index("claim", insurance.claims(), Claim::claimNumber);
        Map<String, List<String>> lossTypes = insurance.lossTypesByProduct();

        for (Policy p : insurance.policies()) {
            String where = "policy " + p.policyNumber();
            require(holders.containsKey(p.customerId()), where + " references unknown customer " + p.customerId());
            require(lossTypes.containsKey(p.product()), where + " has product " + p.product() + " without lossTypesByProduct");
            require(p.status() != null, where + " has no status");
            require(p.startDate() != null && p.endDate() != null && !p.endDate().isBefore(p.startDate()),
                    where + " needs startDate <= endDate");
            currency(where, p.currency());
            amount(where + " sumInsured", p.sumInsured());
            amount(where + " deductible", p.deductible());
        }
        for (Claim c : insurance.claims()) {
            String where = "claim " + c.claimNumber();
            Policy policy = policies.get(c.policyNumber());
            require(policy != null, where + " references unknown policy " + c.policyNumber());
            if (policy != null) {
                require(policy.customerId().equals(c.customerId()), where + " customer differs from its policy");
                require(lossTypes.getOrDefault(policy.product(), List.of()).contains(c.lossType()),
                        where + " loss type " + c.lossType() + " is not covered by " + policy.product());
                require(c.dateOfLoss() == null || policy.startDate() == null || policy.endDate() == null
                                || policy.covers(c.dateOfLoss()),
                        where + " date of loss " + c.dateOfLoss() + " is outside its policy period");
            }
            require(c.status() != null && c.dateOfLoss() != null && c.reportedAt() != null,
                    where + " needs status, dateOfLoss and reportedAt");
            currency(where, c.currency());
            amount(where + " estimatedAmount", c.estimatedAmount());
        }
    }

    private <T> Map<String, T> index(String kind, List<T> items, Function<T, String> id) {
        Map<String, T> byId = new HashMap<>();
        for (T item : items) {
            String key = id.apply(item);
            if (key == null || key.isBlank()) {
                problems.add("a " + kind + " has no id");
            } else if (byId.putIfAbsent(key, item) != null) {
                problems.add("duplicate " + kind + " id " + key);
            }
        }
        return byId;
    }

    private void currency(String where, String currency) {
        require(currency != null && CURRENCY.matcher(currency).matches(), where + " has an invalid currency " + currency);
    }

    private void amount(String where, BigDecimal amount) {
        require(amount != null && amount.stripTrailingZeros().scale() <= 2, where + " must be an amount with at most 2 decimals");
    }

    private void require(boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }
}
