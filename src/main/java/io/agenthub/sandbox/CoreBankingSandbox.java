package io.agenthub.sandbox;

import io.agenthub.sandbox.BankingModel.AccountClosure;
import io.agenthub.sandbox.BankingModel.BlockReason;
import io.agenthub.sandbox.BankingModel.CardBlock;
import io.agenthub.sandbox.BankingModel.ChargebackOrder;
import io.agenthub.sandbox.BankingModel.ContactChange;
import io.agenthub.sandbox.BankingModel.Payment;
import io.agenthub.sandbox.BankingModel.PaymentOrder;
import io.agenthub.sandbox.IdempotencyStore.Operation;
import io.agenthub.sandbox.IdempotencyStore.Reply;
import io.agenthub.sandbox.Problem.FieldError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The core-banking HTTP API: maps requests onto the {@link CoreBankingStore}, one handler per operation. */
final class CoreBankingSandbox {

    static final String MOUNT_PATH = "/core-banking";
    static final int DEFAULT_TRANSACTION_LIMIT = 50;
    static final int MAX_TRANSACTION_LIMIT = 500;

    private static final List<String> BLOCK_REASONS = Arrays.stream(BlockReason.values()).map(Enum::name).toList();

    private final CoreBankingStore store;
    private final IdempotencyStore writes;
    private final Operation<CardBlock> blockCard;
    private final Operation<PaymentOrder> submitPayment;
    private final Operation<ChargebackOrder> raiseChargeback;
    private final Operation<ContactChange> changeContactDetails;
    private final Operation<AccountClosure> closeAccount;

    CoreBankingSandbox(CoreBankingStore store, IdempotencyStore writes) {
        this.store = store;
        this.writes = writes;
        blockCard = writes.register("block-card", CardBlock.class, CardBlock::cardId, block -> new Reply(200,
                SandboxJson.write(store.blockCard(block.cardId(), block.reason())
                        .orElseThrow(() -> ProblemException.notFound("Card", block.cardId()))), null));
        submitPayment = writes.register("submit-payment", PaymentOrder.class, PaymentOrder::fromAccountId, order -> {
            Payment payment = store.submit(order);
            return new Reply(201, SandboxJson.write(payment), MOUNT_PATH + "/payments/" + payment.paymentId());
        });
        raiseChargeback = writes.register("raise-chargeback", ChargebackOrder.class, ChargebackOrder::transactionId,
                order -> new Reply(201, SandboxJson.write(store.raiseChargeback(order)), null));
        changeContactDetails = writes.register("change-contact-details", ContactChange.class, ContactChange::customerId,
                change -> new Reply(200, SandboxJson.write(store.changeContactDetails(change)), null));
        closeAccount = writes.register("close-account", AccountClosure.class, AccountClosure::accountId,
                closure -> new Reply(200, SandboxJson.write(store.closeAccount(closure)), null));
    }

    void mount(Router router) {
        router.get("/customers/:customerId").handler(this::customer);
        router.get("/customers/:customerId/accounts").handler(this::accounts);
        router.get("/customers/:customerId/cards").handler(this::cards);
        router.get("/accounts/:accountId/balance").handler(this::balance);
        router.get("/accounts/:accountId/transactions").handler(this::transactions);
        router.post("/cards/:cardId/block").handler(this::blockCard);
        router.post("/payments").handler(this::submitPayment);
        router.get("/payments/:paymentId").handler(this::payment);
        router.get("/accounts/:accountId/payments").handler(this::accountPayments);
        router.post("/transactions/:transactionId/chargeback").handler(this::raiseChargeback);
        router.put("/customers/:customerId/contact-details").handler(this::changeContactDetails);
        router.post("/accounts/:accountId/close").handler(this::closeAccount);
    }

    private void customer(RoutingContext ctx) {
        String id = ctx.pathParam("customerId");
        HttpReplies.json(ctx, 200, store.customer(id).orElseThrow(() -> ProblemException.notFound("Customer", id)));
    }

    private void accounts(RoutingContext ctx) {
        HttpReplies.json(ctx, 200, store.accountsOf(knownCustomer(ctx)));
    }

    private void cards(RoutingContext ctx) {
        HttpReplies.json(ctx, 200, store.cardsOf(knownCustomer(ctx)));
    }

    private void balance(RoutingContext ctx) {
        String id = ctx.pathParam("accountId");
        HttpReplies.json(ctx, 200, store.balance(id).orElseThrow(() -> ProblemException.notFound("Account", id)));
    }

    private void transactions(RoutingContext ctx) {
        String id = ctx.pathParam("accountId");
        Period period = period(ctx);
        HttpReplies.json(ctx, 200, store.transactions(id, period.from(), period.to(), period.limit())
                .orElseThrow(() -> ProblemException.notFound("Account", id)));
    }

    /** An account listing's query: {@code from} and {@code to} (dates, in order) and {@code limit}; 400 naming each mistake. */
    private record Period(LocalDate from, LocalDate to, int limit) {
    }

    private static Period period(RoutingContext ctx) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate from = dateParam(ctx, "from", errors);
        LocalDate to = dateParam(ctx, "to", errors);
        int limit = limitParam(ctx, errors);
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("from", "must not be after to"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Period(from, to, limit);
    }

    /** The transfers sent from an account, with how far each got; the same period and limit parameters as transactions. */
    private void accountPayments(RoutingContext ctx) {
        String id = ctx.pathParam("accountId");
        Period period = period(ctx);
        HttpReplies.json(ctx, 200, store.paymentsFrom(id, period.from(), period.to(), period.limit())
                .orElseThrow(() -> ProblemException.notFound("Account", id)));
    }

    private void blockCard(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        String cardId = ctx.pathParam("cardId");
        RequestFields fields = RequestFields.of(ctx);
        String reason = fields.requiredOneOf("reason", BLOCK_REASONS);
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(blockCard, key, new CardBlock(cardId, BlockReason.valueOf(reason))));
    }

    private void submitPayment(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        PaymentOrder order = new PaymentOrder(
                fields.requiredText("fromAccountId", 64),
                fields.requiredText("creditorName", 70),
                fields.requiredIban("creditorIban"),
                fields.requiredAmount("amount"),
                fields.requiredCurrency("currency"),
                fields.optionalText("reference", 140));
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(submitPayment, key, order));
    }

    private void raiseChargeback(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        ChargebackOrder order = new ChargebackOrder(
                ctx.pathParam("transactionId"),
                fields.requiredText("reason", 140),
                fields.requiredAmount("amount"),
                fields.requiredCurrency("currency"));
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(raiseChargeback, key, order));
    }

    private void changeContactDetails(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        ContactChange change = ContactRules.read(ctx.pathParam("customerId"), fields);
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(changeContactDetails, key, change));
    }

    /** No body: closing needs nothing but the account and the key. */
    private void closeAccount(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        HttpReplies.reply(ctx, writes.execute(closeAccount, key, new AccountClosure(ctx.pathParam("accountId"))));
    }

    private void payment(RoutingContext ctx) {
        String id = ctx.pathParam("paymentId");
        HttpReplies.json(ctx, 200, store.payment(id).orElseThrow(() -> ProblemException.notFound("Payment", id)));
    }

    private String knownCustomer(RoutingContext ctx) {
        String id = ctx.pathParam("customerId");
        store.customer(id).orElseThrow(() -> ProblemException.notFound("Customer", id));
        return id;
    }

    private static LocalDate dateParam(RoutingContext ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParams().get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be a date in the form YYYY-MM-DD"));
            return null;
        }
    }

    private static int limitParam(RoutingContext ctx, List<FieldError> errors) {
        String value = ctx.queryParams().get("limit");
        if (value == null || value.isBlank()) {
            return DEFAULT_TRANSACTION_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_TRANSACTION_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        errors.add(new FieldError("limit", "must be an integer from 1 to " + MAX_TRANSACTION_LIMIT));
        return DEFAULT_TRANSACTION_LIMIT;
    }
}
