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

    /** A validated first notice of loss; amounts carry scale 2 so equal notices compare equal. */
    public record ClaimNotice(String policyNumber, LocalDate dateOfLoss, String lossType, String description,
                              BigDecimal estimatedAmount, String currency, String location) {
    }
}
