package io.agenthub.flows.claims;

import io.agenthub.connectors.insurance.Claim;
import io.agenthub.connectors.insurance.Policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The coverage check of a claim notice (bean {@code claimCoverage}), rule by rule: the policy in force on the date of
 * loss, the loss type covered by the product, no claim already made for that policy and date, and the rules of
 * {@code compliance/claims.yaml} that make a notice suspicious (a loss soon after the cover started, a claim near the
 * sum insured, an amount in another currency). What is covered and unremarkable is settled: the amount claimed less
 * the deductible, at most the sum insured.
 */
public final class ClaimCoverage {

    private final ClaimRules rules;
    private final Clock clock;

    public ClaimCoverage(ClaimRules rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    public Coverage assess(ClaimNotice notice, Policy policy, List<Claim> earlier) {
        LocalDate loss = notice.dateOfLoss();
        String currency = policy.currency();
        List<String> refusals = new ArrayList<>();
        if (!policy.active()) {
            refusals.add("the policy is " + policy.status() + ", not in force");
        }
        if (!policy.covers(loss)) {
            refusals.add("the loss on " + loss + " is outside the cover " + policy.startDate() + " to " + policy.endDate());
        }
        if (!rules.covers(policy.product(), notice.lossType())) {
            refusals.add("a " + policy.product() + " policy does not cover " + notice.lossType());
        }
        if (!refusals.isEmpty()) {
            return new Coverage(Coverage.Verdict.NOT_COVERED, refusals, notice.amount(), policy.deductible(),
                    policy.sumInsured(), null, currency);
        }
        List<String> duplicates = earlier.stream()
                .filter(c -> loss.equals(c.dateOfLoss()) && policy.policyNumber().equals(c.policyNumber()))
                .map(c -> "claim " + c.claimNumber() + " (" + c.status() + ") is for the same policy and date of loss")
                .toList();
        if (!duplicates.isEmpty()) {
            return new Coverage(Coverage.Verdict.DUPLICATE, duplicates, notice.amount(), policy.deductible(),
                    policy.sumInsured(), null, currency);
        }
        List<String> findings = new ArrayList<>();
        findings.add("in force on " + loss + ", " + policy.product() + " covers " + notice.lossType());
        if (loss.isAfter(LocalDate.now(clock))) {
            findings.add("the date of loss " + loss + " is in the future");
        }
        long sinceStart = ChronoUnit.DAYS.between(policy.startDate(), loss);
        if (sinceStart <= rules.earlyLossDays()) {
            findings.add("the loss is " + sinceStart + " days after the cover started (at most "
                    + rules.earlyLossDays() + " is suspicious)");
        }
        if (notice.currency() != null && !notice.currency().equals(currency)) {
            findings.add("claimed in " + notice.currency() + ", the policy is in " + currency);
        }
        BigDecimal claimed = notice.amount();
        if (claimed != null && claimed.compareTo(policy.sumInsured().multiply(rules.nearLimitShare())) >= 0) {
            findings.add("the claim of " + claimed.toPlainString() + " is at least " + percent(rules.nearLimitShare())
                    + " of the sum insured " + policy.sumInsured().toPlainString());
        }
        if (findings.size() > 1) {
            return new Coverage(Coverage.Verdict.SUSPICIOUS, findings, claimed, policy.deductible(), policy.sumInsured(),
                    null, currency);
        }
        if (claimed == null) {
            findings.add("no amount claimed: an adjuster estimates the loss");
            return new Coverage(Coverage.Verdict.NO_AMOUNT, findings, null, policy.deductible(), policy.sumInsured(),
                    null, currency);
        }
        BigDecimal payable = claimed.subtract(policy.deductible()).min(policy.sumInsured()).setScale(2, RoundingMode.HALF_UP);
        if (payable.signum() <= 0) {
            findings.add("the claim of " + claimed.toPlainString() + " is within the deductible "
                    + policy.deductible().toPlainString());
            return new Coverage(Coverage.Verdict.BELOW_DEDUCTIBLE, findings, claimed, policy.deductible(),
                    policy.sumInsured(), null, currency);
        }
        findings.add("settlement " + payable.toPlainString() + " = " + claimed.toPlainString() + " claimed less the deductible "
                + policy.deductible().toPlainString() + ", at most the sum insured " + policy.sumInsured().toPlainString());
        return new Coverage(Coverage.Verdict.PAYABLE, findings, claimed, policy.deductible(), policy.sumInsured(), payable,
                currency);
    }

    private static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }
}
