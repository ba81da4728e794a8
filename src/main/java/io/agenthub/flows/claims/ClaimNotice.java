package io.agenthub.flows.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A first notice of loss as the claim-notice extraction read it: what a claim needs, and which of the required parts
 * (policy number, date of loss, loss type) the notice did not give.
 *
 * @param amount   what the policy holder claims, or null when they named no amount (an adjuster estimates it)
 * @param currency the amount's currency, or null when it did not say (the policy's is meant)
 * @param missing  {@link #POLICY_NUMBER}, {@link #DATE_OF_LOSS}, {@link #LOSS_TYPE}: empty for a complete notice
 */
public record ClaimNotice(String policyNumber, LocalDate dateOfLoss, String lossType, BigDecimal amount,
                          String currency, String location, List<String> missing) {

    public static final String POLICY_NUMBER = "policy_number";
    public static final String DATE_OF_LOSS = "date_of_loss";
    public static final String LOSS_TYPE = "loss_type";

    public ClaimNotice {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }

    /** The notice with the policy found among the customer's own (the only one that fits). */
    public ClaimNotice withPolicy(String number) {
        return new ClaimNotice(number, dateOfLoss, lossType, amount, currency, location,
                missing.stream().filter(m -> !m.equals(POLICY_NUMBER)).toList());
    }
}
