package io.agenthub.flows.claims;

import io.agenthub.actions.ActionCheck;
import io.agenthub.actions.ProposedAction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The independent second check of a claim's settlement ({@code verify} in compliance/actions.yaml, bean
 * {@code claimPaymentRules}): it works the settlement out again from the policy's terms the proposal carries, and
 * agrees only when the amount is exactly the amount claimed less the deductible, at most the sum insured, the loss
 * fell inside the cover, and the flow did not judge it risky. Otherwise a person approves it.
 */
public final class ClaimPaymentRules implements ActionCheck {

    @Override
    public CheckVerdict check(ProposedAction action) {
        if (!"pay-claim".equals(action.type())) {
            return CheckVerdict.disagree("this check is for pay-claim, not " + action.type());
        }
        if (action.amount() == null || action.amount().signum() <= 0 || action.currency() == null) {
            return CheckVerdict.disagree("no amount to pay");
        }
        BigDecimal claimed;
        BigDecimal deductible;
        BigDecimal sumInsured;
        LocalDate loss;
        LocalDate start;
        LocalDate end;
        try {
            claimed = new BigDecimal(action.text("claimed"));
            deductible = new BigDecimal(action.text("deductible"));
            sumInsured = new BigDecimal(action.text("sumInsured"));
            loss = LocalDate.parse(action.text("dateOfLoss"));
            start = LocalDate.parse(action.text("coverStart"));
            end = LocalDate.parse(action.text("coverEnd"));
        } catch (NumberFormatException | NullPointerException | DateTimeParseException e) {
            return CheckVerdict.disagree("the claim's terms (claimed, deductible, sum insured, dates) are not all known");
        }
        BigDecimal settlement = claimed.subtract(deductible).min(sumInsured).setScale(2, RoundingMode.HALF_UP);
        if (settlement.compareTo(action.amount()) != 0) {
            return CheckVerdict.disagree("the amount " + action.amount().toPlainString() + " is not the claim less the"
                    + " deductible, capped at the sum insured (" + settlement.toPlainString() + ")");
        }
        if (loss.isBefore(start) || loss.isAfter(end)) {
            return CheckVerdict.disagree("the loss on " + loss + " is outside the cover " + start + " to " + end);
        }
        if (action.risk() == ProposedAction.Risk.HIGH) {
            return CheckVerdict.disagree("the flow judged the claim risky");
        }
        return CheckVerdict.agree("the claim less the deductible, within the sum insured, for a loss inside the cover");
    }
}
