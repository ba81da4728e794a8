package io.agenthub.flows.claims;

import io.agenthub.actions.ActionCheck.CheckVerdict;
import io.agenthub.actions.ProposedAction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The second check of a settlement works it out again from the terms the proposal carries. */
class ClaimPaymentRulesTest {

    private final ClaimPaymentRules rules = new ClaimPaymentRules();

    private static ProposedAction settlement(String amount, String dateOfLoss, ProposedAction.Risk risk) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("claimNumber", "CLM-2026-010001");
        parameters.put("dateOfLoss", dateOfLoss);
        parameters.put("claimed", "850.00");
        parameters.put("deductible", "250.00");
        parameters.put("sumInsured", "185000.00");
        parameters.put("coverStart", "2026-01-01");
        parameters.put("coverEnd", "2026-12-31");
        return new ProposedAction("pay-claim", "claim:CLM-2026-010001", parameters, new BigDecimal(amount), "EUR", risk,
                "covered", Map.of());
    }

    @Test
    void agreesWithTheClaimLessTheDeductibleForALossInsideTheCover() {
        CheckVerdict verdict = rules.check(settlement("600.00", "2026-11-20", ProposedAction.Risk.LOW));

        assertThat(verdict.agrees()).as(verdict.reason()).isTrue();
    }

    @Test
    void disagreesWithAnyOtherAmountALossOutsideTheCoverOrARiskyClaim() {
        assertThat(rules.check(settlement("850.00", "2026-11-20", ProposedAction.Risk.LOW)).reason())
                .contains("not the claim less the deductible");
        assertThat(rules.check(settlement("600.00", "2027-01-02", ProposedAction.Risk.LOW)).agrees()).isFalse();
        assertThat(rules.check(settlement("600.00", "2026-11-20", ProposedAction.Risk.HIGH)).agrees()).isFalse();
    }

    @Test
    void disagreesWhenTermsAreMissingOrTheActionIsAnother() {
        ProposedAction bare = new ProposedAction("pay-claim", "claim:CLM-1", Map.of(), new BigDecimal("10"), "EUR",
                ProposedAction.Risk.LOW, "x", Map.of());
        ProposedAction other = new ProposedAction("raise-chargeback", "transaction:TX-1", Map.of(), new BigDecimal("10"),
                "EUR", ProposedAction.Risk.LOW, "x", Map.of());

        assertThat(rules.check(bare).reason()).contains("not all known");
        assertThat(rules.check(other).agrees()).isFalse();
    }
}
