package io.agenthub.sandbox;

import io.agenthub.sandbox.InsuranceModel.Claim;
import io.agenthub.sandbox.InsuranceModel.ClaimNotice;
import io.agenthub.sandbox.InsuranceModel.Letter;
import io.agenthub.sandbox.InsuranceModel.LetterOrder;
import io.agenthub.sandbox.InsuranceModel.Payout;
import io.agenthub.sandbox.InsuranceModel.PayoutOrder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The insurance HTTP API: maps requests onto the {@link InsuranceStore}, one handler per operation. */
final class InsuranceSandbox {

    static final String MOUNT_PATH = "/insurance";

    private final InsuranceStore store;
    private final IdempotencyStore writes;
    private final IdempotencyStore.Operation<ClaimNotice> fileClaim;
    private final IdempotencyStore.Operation<PayoutOrder> payClaim;
    private final IdempotencyStore.Operation<LetterOrder> sendLetter;

    InsuranceSandbox(InsuranceStore store, IdempotencyStore writes) {
        this.store = store;
        this.writes = writes;
        fileClaim = writes.register("file-claim", ClaimNotice.class, ClaimNotice::policyNumber, notice -> {
            Claim claim = store.fileClaim(notice);
            return new IdempotencyStore.Reply(201, SandboxJson.write(claim), MOUNT_PATH + "/claims/" + claim.claimNumber());
        });
        // Journaled and recorded as actions like every write: a crash test counts payouts in GET /sandbox/actions.
        payClaim = writes.register("pay-claim", PayoutOrder.class, PayoutOrder::claimNumber, order -> {
            Payout payout = store.payClaim(order);
            return new IdempotencyStore.Reply(201, SandboxJson.write(payout), null);
        });
        sendLetter = writes.register("send-letter", LetterOrder.class, LetterOrder::claimNumber, order -> {
            Letter letter = store.sendLetter(order);
            return new IdempotencyStore.Reply(201, SandboxJson.write(letter), null);
        });
    }

    void mount(Router router) {
        router.get("/customers/:customerId/policies").handler(this::policiesOfCustomer);
        router.get("/policies/:policyNumber").handler(this::policy);
        router.get("/policies/:policyNumber/claims").handler(this::claimsOfPolicy);
        router.post("/claims").handler(this::fileClaim);
        router.get("/claims/:claimNumber").handler(this::claim);
        router.post("/claims/:claimNumber/payout").handler(this::payClaim);
        router.post("/claims/:claimNumber/letters").handler(this::sendLetter);
        router.get("/claims/:claimNumber/letters").handler(this::letters);
    }

    private void payClaim(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        PayoutOrder order = new PayoutOrder(ctx.pathParam("claimNumber"), fields.requiredAmount("amount"),
                fields.requiredCurrency("currency"), fields.optionalText("reference", 200));
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(payClaim, key, order));
    }

    private void sendLetter(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        LetterOrder order = new LetterOrder(ctx.pathParam("claimNumber"), fields.requiredText("template", 100),
                fields.requiredText("templateVersion", 20), fields.requiredText("text", 20_000));
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(sendLetter, key, order));
    }

    private void letters(RoutingContext ctx) {
        String id = ctx.pathParam("claimNumber");
        HttpReplies.json(ctx, 200, store.lettersOf(id).orElseThrow(() -> ProblemException.notFound("Claim", id)));
    }

    private void policiesOfCustomer(RoutingContext ctx) {
        String id = ctx.pathParam("customerId");
        HttpReplies.json(ctx, 200, store.policiesOf(id).orElseThrow(() -> ProblemException.notFound("Customer", id)));
    }

    private void policy(RoutingContext ctx) {
        String id = ctx.pathParam("policyNumber");
        HttpReplies.json(ctx, 200, store.policy(id).orElseThrow(() -> ProblemException.notFound("Policy", id)));
    }

    private void claimsOfPolicy(RoutingContext ctx) {
        String id = ctx.pathParam("policyNumber");
        HttpReplies.json(ctx, 200, store.claimsOf(id).orElseThrow(() -> ProblemException.notFound("Policy", id)));
    }

    private void fileClaim(RoutingContext ctx) {
        String key = IdempotencyStore.requireKey(ctx);
        RequestFields fields = RequestFields.of(ctx);
        ClaimNotice notice = new ClaimNotice(
                fields.requiredText("policyNumber", 64),
                fields.requiredDate("dateOfLoss"),
                fields.requiredOneOf("lossType", store.lossTypes()),
                fields.requiredText("description", 2000),
                fields.optionalAmount("estimatedAmount"),
                fields.requiredCurrency("currency"),
                fields.optionalText("location", 200));
        fields.validate();
        HttpReplies.reply(ctx, writes.execute(fileClaim, key, notice));
    }

    private void claim(RoutingContext ctx) {
        String id = ctx.pathParam("claimNumber");
        HttpReplies.json(ctx, 200, store.claim(id).orElseThrow(() -> ProblemException.notFound("Claim", id)));
    }
}
