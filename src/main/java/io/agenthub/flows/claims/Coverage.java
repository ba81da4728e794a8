package io.agenthub.flows.claims;

import java.math.BigDecimal;
import java.util.List;

/**
 * The coverage check of a notice against its policy, and the settlement it leads to.
 *
 * @param verdict  what happens next (see {@link Verdict})
 * @param reasons  every rule's finding that decided it, in the order checked, for people and the audit trail
 * @param claimed  what was claimed (null: no amount given)
 * @param payable  the settlement: claimed less the deductible, at most the sum insured (null unless PAYABLE)
 */
public record Coverage(Verdict verdict, List<String> reasons, BigDecimal claimed, BigDecimal deductible,
                       BigDecimal sumInsured, BigDecimal payable, String currency) {

    public Coverage {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    public enum Verdict {
        /** Covered, complete and unremarkable: the settlement is proposed to the gate. */
        PAYABLE,
        /** Covered, but the loss is within the deductible: nothing to pay. */
        BELOW_DEDUCTIBLE,
        /** Covered, but no amount was given: the claim is opened and an adjuster estimates the loss. */
        NO_AMOUNT,
        /** Covered on its face, but a rule finds it suspicious: the claim is opened and people look at it. */
        SUSPICIOUS,
        /** The policy already has a claim for this date of loss: not filed again, people look at it. */
        DUPLICATE,
        /** The policy does not cover it (not in force that day, or not this loss type): people confirm and tell. */
        NOT_COVERED;

        /** Whether the notice is registered at the insurer as a claim. */
        public boolean files() {
            return this != DUPLICATE && this != NOT_COVERED;
        }
    }

    public String reason() {
        return String.join("; ", reasons);
    }
}
