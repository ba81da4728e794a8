package io.agenthub.sandbox;

import io.agenthub.sandbox.BankingModel.Account;
import io.agenthub.sandbox.BankingModel.AccountClosure;
import io.agenthub.sandbox.BankingModel.AccountStatus;
import io.agenthub.sandbox.BankingModel.Balance;
import io.agenthub.sandbox.BankingModel.BlockReason;
import io.agenthub.sandbox.BankingModel.Card;
import io.agenthub.sandbox.BankingModel.Chargeback;
import io.agenthub.sandbox.BankingModel.ChargebackOrder;
import io.agenthub.sandbox.BankingModel.ChargebackStatus;
import io.agenthub.sandbox.BankingModel.ContactChange;
import io.agenthub.sandbox.BankingModel.ContactDetails;
import io.agenthub.sandbox.BankingModel.Customer;
import io.agenthub.sandbox.BankingModel.Payment;
import io.agenthub.sandbox.BankingModel.PaymentOrder;
import io.agenthub.sandbox.BankingModel.PaymentStatus;
import io.agenthub.sandbox.BankingModel.Settlement;
import io.agenthub.sandbox.BankingModel.Transaction;
import io.agenthub.sandbox.SandboxSeed.SeedAccount;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bank's state: the seed's customers and accounts, whose contact details and status change, and cards,
 * balances, transactions, payments and chargebacks. Every method holds the store's lock, so a payment's checks
 * and its debit are atomic. Given the same seed, the same writes in the same order at the same instants give
 * the same state and answers: that is how a journal replays it ({@link IdempotencyStore#replay}).
 */
final class CoreBankingStore {

    static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    static final String ACCOUNT_NOT_ACTIVE = "ACCOUNT_NOT_ACTIVE";

    private static final Comparator<Transaction> NEWEST_FIRST = Comparator
            .comparing(Transaction::bookedAt).thenComparing(Transaction::transactionId).reversed();

    private record Balances(BigDecimal available, BigDecimal booked) {
        Balances plus(BigDecimal amount) {
            return new Balances(available.add(amount), booked.add(amount));
        }
    }

    private final Clock clock;
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, Account> accountsByIban = new HashMap<>();
    private final Map<String, Balances> balances = new HashMap<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final Map<String, List<Transaction>> transactions = new HashMap<>();
    private final Map<String, Transaction> transactionsById = new HashMap<>();
    private final Map<String, Payment> payments = new LinkedHashMap<>();
    /** By the disputed transaction's id: a debit is disputed once. */
    private final Map<String, Chargeback> chargebacks = new HashMap<>();
    private final Map<String, Instant> contactUpdatedAt = new HashMap<>();
    private long paymentSequence = 100_000;
    private long chargebackSequence = 100_000;

    CoreBankingStore(SandboxSeed.CoreBanking seed, Clock clock) {
        this.clock = clock;
        seed.customers().forEach(c -> customers.put(c.customerId(), c));
        for (SeedAccount a : seed.accounts()) {
            Account account = a.toAccount();
            accounts.put(a.accountId(), account);
            accountsByIban.put(a.iban(), account);
            balances.put(a.accountId(), new Balances(scaled(a.available()), scaled(a.booked())));
            transactions.put(a.accountId(), new ArrayList<>());
        }
        seed.cards().forEach(c -> cards.put(c.cardId(), c));
        seed.transactions().forEach(this::book);
        seed.payments().forEach(p -> payments.put(p.paymentId(), p));
    }

    synchronized Optional<Customer> customer(String customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    synchronized List<Account> accountsOf(String customerId) {
        return accounts.values().stream().filter(a -> a.customerId().equals(customerId)).toList();
    }

    synchronized List<Card> cardsOf(String customerId) {
        return cards.values().stream().filter(c -> c.customerId().equals(customerId)).toList();
    }

    synchronized Optional<Balance> balance(String accountId) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return Optional.empty();
        }
        Balances b = balances.get(accountId);
        return Optional.of(new Balance(accountId, account.currency(), b.available(), b.booked(), now()));
    }

    /** Newest first; {@code from} and {@code to} are inclusive UTC booking dates and may be null. */
    synchronized Optional<List<Transaction>> transactions(String accountId, LocalDate from, LocalDate to, int limit) {
        List<Transaction> booked = transactions.get(accountId);
        if (booked == null) {
            return Optional.empty();
        }
        return Optional.of(booked.stream()
                .filter(t -> {
                    LocalDate day = LocalDate.ofInstant(t.bookedAt(), ZoneOffset.UTC);
                    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
                })
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList());
    }

    /** Blocks the card; an already blocked card is returned unchanged, as a bank would not re-block it. */
    synchronized Optional<Card> blockCard(String cardId, BlockReason reason) {
        Card card = cards.get(cardId);
        if (card == null) {
            return Optional.empty();
        }
        Card blocked = card.blockedFor(reason, now());
        cards.put(cardId, blocked);
        return Optional.of(blocked);
    }

    /**
     * Disputes a booked debit as a whole. Requests the bank cannot consider (a credit, another amount or currency
     * than the debit's) are 422; a debit disputed before is 409, whoever asks.
     */
    synchronized Chargeback raiseChargeback(ChargebackOrder order) {
        String id = order.transactionId();
        Transaction debit = transactionsById.get(id);
        if (debit == null) {
            throw ProblemException.notFound("Transaction", id);
        }
        if (debit.amount().signum() >= 0) {
            throw ProblemException.unprocessable("not-a-debit", "Not a debit",
                    "Transaction " + id + " is a credit; only a debit can be disputed.");
        }
        if (!debit.currency().equals(order.currency())) {
            throw ProblemException.unprocessable("currency-mismatch", "Currency mismatch",
                    "Transaction " + id + " was booked in " + debit.currency() + ", not " + order.currency() + ".");
        }
        if (debit.amount().negate().compareTo(order.amount()) != 0) {
            throw ProblemException.unprocessable("amount-mismatch", "Amount differs from the debit",
                    "A chargeback disputes the whole debit of transaction " + id + ": "
                            + debit.amount().negate().toPlainString() + " " + debit.currency() + ".");
        }
        Chargeback earlier = chargebacks.get(id);
        if (earlier != null) {
            throw ProblemException.conflict("already-disputed", "Transaction already disputed",
                    "Transaction " + id + " is already disputed by chargeback " + earlier.chargebackId() + ".");
        }
        Chargeback chargeback = new Chargeback("CBK-" + (++chargebackSequence), id, order.amount(), order.currency(),
                ChargebackStatus.RAISED, now());
        chargebacks.put(id, chargeback);
        return chargeback;
    }

    /** Applies a change of contact details and returns them all, as they now are. */
    synchronized ContactDetails changeContactDetails(ContactChange change) {
        String id = change.customerId();
        Customer customer = customers.get(id);
        if (customer == null) {
            throw ProblemException.notFound("Customer", id);
        }
        Customer changed = customer.withContact(change);
        customers.put(id, changed);
        Instant at = now();
        contactUpdatedAt.put(id, at);
        return new ContactDetails(id, changed.address(), changed.email(), changed.phone(), at);
    }

    /** Closes an empty account (409 while it holds money either way); a closed account is returned unchanged. */
    synchronized Account closeAccount(AccountClosure closure) {
        String id = closure.accountId();
        Account account = accounts.get(id);
        if (account == null) {
            throw ProblemException.notFound("Account", id);
        }
        if (account.status() == AccountStatus.CLOSED) {
            return account;
        }
        Balances b = balances.get(id);
        if (b.booked().signum() != 0 || b.available().signum() != 0) {
            throw ProblemException.conflict("balance-not-zero", "Balance not zero",
                    "Account " + id + " still holds " + b.booked().toPlainString() + " " + account.currency()
                            + " (available " + b.available().toPlainString() + "); it can be closed once it is empty.");
        }
        Account closed = account.closed();
        accounts.put(id, closed);
        accountsByIban.put(closed.iban(), closed);
        return closed;
    }

    /**
     * The transfers sent from an account, newest first; {@code from} and {@code to} are inclusive UTC dates of their
     * creation and may be null. Empty when there is no such account.
     */
    synchronized Optional<List<Payment>> paymentsFrom(String accountId, LocalDate from, LocalDate to, int limit) {
        if (!accounts.containsKey(accountId)) {
            return Optional.empty();
        }
        return Optional.of(payments.values().stream()
                .filter(p -> p.fromAccountId().equals(accountId))
                .filter(p -> {
                    LocalDate day = LocalDate.ofInstant(p.createdAt(), ZoneOffset.UTC);
                    return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
                })
                .sorted(Comparator.comparing(Payment::createdAt).thenComparing(Payment::paymentId).reversed())
                .limit(limit)
                .toList());
    }

    synchronized Optional<Payment> payment(String paymentId) {
        return Optional.ofNullable(payments.get(paymentId));
    }

    /**
     * Executes a credit transfer. Requests the bank cannot even consider are 422 problems; a well-formed
     * payment the bank declines is recorded as REJECTED with a reason, as real payment APIs do.
     */
    synchronized Payment submit(PaymentOrder order) {
        Account from = accounts.get(order.fromAccountId());
        if (from == null) {
            throw ProblemException.unprocessable("unknown-account", "Unknown debtor account",
                    "Account " + order.fromAccountId() + " does not exist.");
        }
        if (!from.currency().equals(order.currency())) {
            throw ProblemException.unprocessable("currency-mismatch", "Currency mismatch",
                    "Account " + from.accountId() + " is held in " + from.currency() + ", not " + order.currency() + ".");
        }
        if (from.iban().equals(order.creditorIban())) {
            throw ProblemException.unprocessable("same-account", "Creditor is the debtor account",
                    "A payment cannot be sent to the account it is paid from.");
        }
        String paymentId = nextPaymentId();
        Instant now = now();
        String rejection = rejectionFor(from, order.amount());
        if (rejection != null) {
            return record(new Payment(paymentId, PaymentStatus.REJECTED, rejection, from.accountId(),
                    order.creditorName(), order.creditorIban(), order.amount(), order.currency(), order.reference(),
                    now, null, null, null, null, null));
        }
        String description = order.reference() != null ? order.reference() : "Payment " + paymentId;
        Transaction debit = post(new Transaction(nextTransactionId(from.accountId()), from.accountId(), now,
                order.amount().negate(), order.currency(), order.creditorName(), description, "TRANSFER"));
        boolean internal = creditIfInternal(order, from, now, description);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        // Between the bank's own accounts the money is there at once; to another bank, by the next business day.
        return record(new Payment(paymentId, PaymentStatus.ACCEPTED, null, from.accountId(), order.creditorName(),
                order.creditorIban(), order.amount(), order.currency(), order.reference(), now, debit.transactionId(),
                internal ? Settlement.SETTLED : Settlement.PENDING, internal ? today : nextBusinessDay(today),
                internal ? now : null, null));
    }

    private String rejectionFor(Account from, BigDecimal amount) {
        if (from.status() != AccountStatus.ACTIVE) {
            return ACCOUNT_NOT_ACTIVE;
        }
        return balances.get(from.accountId()).available().compareTo(amount) < 0 ? INSUFFICIENT_FUNDS : null;
    }

    /**
     * Transfers between the bank's own accounts land on the other side too, so demos can move money around; true when
     * this one did.
     */
    private boolean creditIfInternal(PaymentOrder order, Account from, Instant now, String description) {
        Account to = accountsByIban.get(order.creditorIban());
        if (to == null || to.status() != AccountStatus.ACTIVE || !to.currency().equals(order.currency())) {
            return false;
        }
        Customer debtor = customers.get(from.customerId());
        post(new Transaction(nextTransactionId(to.accountId()), to.accountId(), now, order.amount(),
                order.currency(), debtor != null ? debtor.name() : from.iban(), description, "TRANSFER"));
        return true;
    }

    private static LocalDate nextBusinessDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || next.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }

    private Transaction book(Transaction t) {
        Transaction scaledTx = new Transaction(t.transactionId(), t.accountId(), t.bookedAt(), scaled(t.amount()),
                t.currency(), t.counterparty(), t.description(), t.category());
        transactions.get(t.accountId()).add(scaledTx);
        transactionsById.put(t.transactionId(), scaledTx);
        return scaledTx;
    }

    /** Books a new movement and moves both balances; seeded transactions are already in the seeded balances. */
    private Transaction post(Transaction t) {
        Transaction booked = book(t);
        balances.compute(t.accountId(), (id, b) -> b.plus(booked.amount()));
        return booked;
    }

    private Payment record(Payment payment) {
        payments.put(payment.paymentId(), payment);
        return payment;
    }

    private String nextPaymentId() {
        String id;
        do {
            id = "PAY-" + (++paymentSequence);
        } while (payments.containsKey(id));
        return id;
    }

    /** Continues the account's own numbering, e.g. TX-100101-0011 after ten seeded transactions. */
    private String nextTransactionId(String accountId) {
        String digits = accountId.replaceAll("\\D", "");
        int sequence = transactions.get(accountId).size();
        String id;
        do {
            id = "TX-" + digits + "-" + String.format("%04d", ++sequence);
        } while (transactionsById.containsKey(id));
        return id;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static BigDecimal scaled(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY);
    }
}
