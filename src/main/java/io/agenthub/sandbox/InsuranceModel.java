package io.agenthub.sandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The insurance sandbox's resources, serialised as-is to JSON; optional fields are null and omitted. */
public final class InsuranceModel {

    private InsuranceModel() {
    }

    public enum PolicyStatus { ACTIVE, LAPSED, CANCELLED, EXPIRED }

    public enum ClaimStatus { OPEN, IN_REVIEW, SETTLED, REJECTED, CLOSED }

    public record Policyholder(String customerId, String name) {
    }

    public record Policy(String policyNumber, String customerId, String product, PolicyStatus status,
                         LocalDate startDate, LocalDate endDate, BigDecimal sumInsured, String currency,
                         BigDecimal deductible, String insuredObject) {

        boolean covers(LocalDate date) {
            return !date.isBefore(startDate) && !date.isAfter(endDate);
        }
    }

    public record Claim(String claimNumber, String policyNumber, String customerId, ClaimStatus status,
                        LocalDate dateOfLoss, String lossType, String description, BigDecimal estimatedAmount,
                        String currency, String location, Instant reportedAt, BigDecimal settledAmount) {
    }

    /**
     * A validated first notice of loss; amounts carry scale 2 so equal notices compare equal. The estimate is null
     * when the policy holder gave none (an adjuster estimates the loss).
     */
    public record ClaimNotice(String policyNumber, LocalDate dateOfLoss, String lossType, String description,
                              BigDecimal estimatedAmount, String currency, String location) {
    }

    /** A validated payout order for a claim: the amount settled, in the policy's currency. */
    public record PayoutOrder(String claimNumber, BigDecimal amount, String currency, String reference) {
    }

    /** Money paid to the policy holder on a claim, which the payout settles. */
    public record Payout(String payoutId, String claimNumber, String policyNumber, String customerId,
                         BigDecimal amount, String currency, String reference, Instant paidAt) {
    }

    /** A letter to a claim's policy holder, as the hub wrote it from a template; the insurer prints and sends it. */
    public record LetterOrder(String claimNumber, String template, String templateVersion, String text) {
    }

    public record Letter(String letterId, String claimNumber, String customerId, String template,
                         String templateVersion, String text, Instant sentAt) {
    }
}
