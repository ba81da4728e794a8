package io.agenthub.flows.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.insurance.Claim;
import io.agenthub.connectors.insurance.ClaimFiling;
import io.agenthub.connectors.insurance.Payout;
import io.agenthub.connectors.insurance.Policy;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.ExtractionAttempt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The steps of the claim-notice flow (bean {@code claimNotices}, routes/claims-intake.camel.yaml) that are not rules:
 * the notice read from the extraction, the policy found among the customer's own when the notice names none, the claim
 * filed at the insurer, the settlement proposed to the gate, and what the sender is told at each end.
 */
public final class ClaimNotices {

    /** The insurer's description field holds at most this many characters. */
    private static final int DESCRIPTION_MAX = 2000;

    private final ClaimRules rules;

    public ClaimNotices(ClaimRules rules) {
        this.rules = rules;
    }

    /**
     * The notice the extraction read. When no tier gave a valid answer (a required part is missing), the parts the
     * best attempt did read are kept, so the sender is asked only for what is missing.
     */
    public ClaimNotice read(ExtractionAnswer answer) {
        ObjectNode slots = answer.valid() ? answer.slots() : answer.attempts().stream()
                .map(ExtractionAttempt::slots).filter(s -> s != null)
                .max(Comparator.comparingInt(ObjectNode::size)).orElse(null);
        JsonNode found = slots == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : slots;
        String policy = text(found.path(ClaimNotice.POLICY_NUMBER).path("value"));
        LocalDate date = null;
        try {
            String day = text(found.path(ClaimNotice.DATE_OF_LOSS).path("value"));
            date = day == null ? null : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            date = null;  // the schema holds a tier to YYYY-MM-DD; anything else is treated as not given
        }
        String lossType = text(found.path(ClaimNotice.LOSS_TYPE).path("value"));
        JsonNode money = found.path("amount").path("value");
        BigDecimal amount = money.path("amount").isNumber() ? money.path("amount").decimalValue().abs() : null;
        String currency = text(money.path("currency"));
        if ("ambiguous".equals(currency)) {
            currency = null;
        }
        List<String> missing = new ArrayList<>();
        if (policy == null) {
            missing.add(ClaimNotice.POLICY_NUMBER);
        }
        if (date == null) {
            missing.add(ClaimNotice.DATE_OF_LOSS);
        }
        if (lossType == null) {
            missing.add(ClaimNotice.LOSS_TYPE);
        }
        return new ClaimNotice(policy, date, lossType, amount, currency, text(found.path("location").path("value")), missing);
    }

    /** Whether the notice names no policy, but says enough (when and what) to find the customer's policy. */
    public boolean needsPolicy(ClaimNotice notice) {
        return notice.policyNumber() == null && notice.dateOfLoss() != null && notice.lossType() != null;
    }

    /**
     * A customer who does not quote their policy number: the one of their policies in force on the date of loss that
     * covers the loss, when exactly one does; otherwise the notice still asks for the number.
     */
    public ClaimNotice withOwnPolicy(ClaimNotice notice, List<Policy> policies) {
        List<Policy> fitting = policies.stream()
                .filter(p -> p.active() && p.covers(notice.dateOfLoss()) && rules.covers(p.product(), notice.lossType()))
                .toList();
        return fitting.size() == 1 ? notice.withPolicy(fitting.get(0).policyNumber()) : notice;
    }

    public FlowResult askMissing(ClaimNotice notice) {
        List<Object> parts = notice.missing().stream().map(m -> (Object) ReplyText.of(switch (m) {
            case ClaimNotice.POLICY_NUMBER -> ReplyKey.CLAIM_MISSING_POLICY_NUMBER;
            case ClaimNotice.DATE_OF_LOSS -> ReplyKey.CLAIM_MISSING_DATE_OF_LOSS;
            default -> ReplyKey.CLAIM_MISSING_LOSS_TYPE;
        })).toList();
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.CLAIM_ASK_MISSING,
                "missing", new ReplyText.Joined(ReplyKey.CLAIM_MISSING_SEPARATOR, parts)));
    }

    public FlowResult policyNotFound(ClaimNotice notice) {
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.CLAIM_POLICY_NOT_FOUND,
                "policyNumber", notice.policyNumber()));
    }

    /** Whether the policy is the sender's: a notice on someone else's policy is for people, never paid to the sender. */
    public boolean holds(HubRequest request, Policy policy) {
        return policy.customerId().equals(request.subjectId());
    }

    public FlowResult notTheirs(Policy policy) {
        return FlowResult.referred(ReplyText.of(ReplyKey.CLAIM_IN_REVIEW),
                "the notice is for policy " + policy.policyNumber() + ", which the sender does not hold");
    }

    /** The first notice of loss as the insurer's fileClaim takes it: the notice's text (pseudonymised) describes it. */
    public ClaimFiling filing(ClaimNotice notice, Policy policy, HubRequest request) {
        String text = request.text() == null || request.text().isBlank() ? "Claim notice" : request.text().strip();
        String description = text.length() > DESCRIPTION_MAX ? text.substring(0, DESCRIPTION_MAX) : text;
        BigDecimal estimate = notice.amount() == null ? null : notice.amount().setScale(2, RoundingMode.HALF_UP);
        String location = notice.location() == null || notice.location().length() > 200 ? null : notice.location();
        return new ClaimFiling(policy.policyNumber(), notice.dateOfLoss(), notice.lossType(), description, estimate,
                policy.currency(), location);
    }

    /** Not filed (not covered, or a duplicate): a claims handler decides and tells the policy holder. */
    public FlowResult referred(Coverage coverage) {
        return FlowResult.referred(ReplyText.of(ReplyKey.CLAIM_IN_REVIEW),
                coverage.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + coverage.reason());
    }

    /** Filed, and for a claims handler: no amount to settle, or a rule found it suspicious. */
    public FlowResult opened(Coverage coverage, Claim claim) {
        return FlowResult.referred(ReplyText.of(ReplyKey.CLAIM_OPENED, "claimNumber", claim.claimNumber()),
                List.of(new ActionTaken("file-claim", "claim:" + claim.claimNumber(), claim.status())),
                "claim " + claim.claimNumber() + ", " + coverage.verdict().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ": " + coverage.reason());
    }

    public FlowResult belowDeductible(Coverage coverage, Claim claim) {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CLAIM_BELOW_DEDUCTIBLE, "claimNumber",
                        claim.claimNumber(), "deductible", money(coverage.deductible()), "currency", coverage.currency()),
                List.of(new ActionTaken("file-claim", "claim:" + claim.claimNumber(), claim.status())));
    }

    /**
     * The settlement, proposed to the gate: it moves money, so compliance/actions.yaml has it verified by
     * {@link ClaimPaymentRules} below the approval amount, approved by a person above it and by two above the
     * four-eyes amount. It carries the policy's terms, so the check and the people work it out again.
     */
    public ProposedAction settlement(ClaimNotice notice, Policy policy, Coverage coverage, Claim claim,
                                     ExtractionAnswer extraction) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("claimNumber", claim.claimNumber());
        parameters.put("policyNumber", policy.policyNumber());
        parameters.put("dateOfLoss", notice.dateOfLoss().toString());
        parameters.put("lossType", notice.lossType());
        parameters.put("claimed", money(coverage.claimed()));
        parameters.put("deductible", money(coverage.deductible()));
        parameters.put("sumInsured", money(coverage.sumInsured()));
        parameters.put("coverStart", policy.startDate().toString());
        parameters.put("coverEnd", policy.endDate().toString());
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("extraction", extraction == null ? "none" : extraction.tier());
        evidence.put("coverage", coverage.reasons());
        return new ProposedAction("pay-claim", "claim:" + claim.claimNumber(), parameters, coverage.payable(),
                coverage.currency(), ProposedAction.Risk.LOW, coverage.reason(), evidence);
    }

    /** The claim was paid (after the check, or people's approval), and its letter sent. */
    public FlowResult paid(ActionOrder order, Payout payout) {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CLAIM_PAID, "claimNumber", payout.claimNumber(),
                        "amount", money(payout.amount()), "currency", payout.currency()),
                List.of(new ActionTaken(order.action().type(), order.action().target(), "PAID", order.approvalId())));
    }

    static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    private static String text(JsonNode node) {
        return node == null || !node.isTextual() || node.textValue().isBlank() ? null : node.textValue().strip();
    }
}
