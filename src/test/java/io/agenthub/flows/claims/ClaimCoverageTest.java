package io.agenthub.flows.claims;

import io.agenthub.connectors.insurance.Claim;
import io.agenthub.connectors.insurance.Policy;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule of the coverage check, on the shipped compliance/claims.yaml. */
class ClaimCoverageTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private static final Policy HOME = new Policy("POL-HOM-200117", "C-1001", "HOME", "ACTIVE", LocalDate.parse("2026-01-01"),
            LocalDate.parse("2026-12-31"), new BigDecimal("185000.00"), "EUR", new BigDecimal("250.00"));

    private final ClaimCoverage coverage = new ClaimCoverage(rules(), TODAY);

    static ClaimRules rules() {
        try (InputStream in = Files.newInputStream(Path.of("compliance/claims.yaml"))) {
            return ClaimRules.read(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ClaimNotice notice(String date, String lossType, String amount, String currency) {
        return new ClaimNotice("POL-HOM-200117", LocalDate.parse(date), lossType, amount == null ? null : new BigDecimal(amount),
                currency, null, List.of());
    }

    @Test
    void aCoveredUnremarkableClaimIsSettledLessTheDeductible() {
        Coverage found = coverage.assess(notice("2026-11-20", "WATER_DAMAGE", "850", "EUR"), HOME, List.of());

        assertThat(found.verdict()).isEqualTo(Coverage.Verdict.PAYABLE);
        assertThat(found.payable()).isEqualByComparingTo("600.00");
        assertThat(found.currency()).isEqualTo("EUR");
    }

    @Test
    void aClaimOverTheSumInsuredIsNeverPaidByRule() {
        Policy small = new Policy("POL-X-1", "C-1", "HOME", "ACTIVE", LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"), new BigDecimal("800.00"), "EUR", new BigDecimal("0.00"));
        ClaimCoverage wholeSum = new ClaimCoverage(new ClaimRules(rules().products(), 30, BigDecimal.ONE), TODAY);

        // The near-limit share is at most 1, so a claim that the cap would cut is always for people first.
        assertThat(wholeSum.assess(notice("2026-11-20", "FIRE", "999", "EUR"), small, List.of()).verdict())
                .isEqualTo(Coverage.Verdict.SUSPICIOUS);
        Coverage under = wholeSum.assess(notice("2026-11-20", "FIRE", "750", "EUR"), small, List.of());
        assertThat(under.verdict()).isEqualTo(Coverage.Verdict.PAYABLE);
        assertThat(under.payable()).isEqualByComparingTo("750.00");
    }

    @Test
    void aPolicyNotInForceOnTheDateOfLossDoesNotCoverIt() {
        Coverage before = coverage.assess(new ClaimNotice("POL-HOM-200117", LocalDate.parse("2025-12-31"), "FIRE",
                new BigDecimal("900"), null, null, List.of()), HOME, List.of());
        Policy lapsed = new Policy("POL-MOT-100871", "C-1003", "MOTOR", "LAPSED", LocalDate.parse("2026-02-15"),
                LocalDate.parse("2027-02-14"), new BigDecimal("14500.00"), "EUR", new BigDecimal("450.00"));
        Coverage notActive = coverage.assess(notice("2026-11-01", "COLLISION", "900", "EUR"), lapsed, List.of());

        assertThat(before.verdict()).isEqualTo(Coverage.Verdict.NOT_COVERED);
        assertThat(before.reason()).contains("outside the cover 2026-01-01 to 2026-12-31");
        assertThat(notActive.verdict()).isEqualTo(Coverage.Verdict.NOT_COVERED);
        assertThat(notActive.reason()).contains("LAPSED");
    }

    @Test
    void aLossTypeTheProductDoesNotCoverIsNotCovered() {
        Coverage found = coverage.assess(notice("2026-11-20", "COLLISION", "900", "EUR"), HOME, List.of());

        assertThat(found.verdict()).isEqualTo(Coverage.Verdict.NOT_COVERED);
        assertThat(found.reason()).contains("a HOME policy does not cover COLLISION");
    }

    @Test
    void aSecondNoticeForTheSamePolicyAndDateIsADuplicate() {
        Claim earlier = new Claim("CLM-2026-010001", "POL-HOM-200117", "C-1001", "OPEN", LocalDate.parse("2026-11-20"),
                "WATER_DAMAGE", null, "EUR", Instant.parse("2026-11-21T09:00:00Z"), null);
        Claim otherDay = new Claim("CLM-2026-010002", "POL-HOM-200117", "C-1001", "OPEN", LocalDate.parse("2026-10-02"),
                "FIRE", null, "EUR", Instant.parse("2026-10-03T09:00:00Z"), null);

        Coverage duplicate = coverage.assess(notice("2026-11-20", "WATER_DAMAGE", "850", "EUR"), HOME, List.of(earlier));
        Coverage fine = coverage.assess(notice("2026-11-20", "WATER_DAMAGE", "850", "EUR"), HOME, List.of(otherDay));

        assertThat(duplicate.verdict()).isEqualTo(Coverage.Verdict.DUPLICATE);
        assertThat(duplicate.reason()).contains("CLM-2026-010001");
        assertThat(duplicate.verdict().files()).isFalse();
        assertThat(fine.verdict()).isEqualTo(Coverage.Verdict.PAYABLE);
    }

    @Test
    void aLossSoonAfterTheCoverStartedIsSuspicious() {
        Coverage early = coverage.assess(notice("2026-01-20", "FIRE", "850", "EUR"), HOME, List.of());
        Coverage later = coverage.assess(notice("2026-02-01", "FIRE", "850", "EUR"), HOME, List.of());

        assertThat(early.verdict()).isEqualTo(Coverage.Verdict.SUSPICIOUS);
        assertThat(early.reason()).contains("19 days after the cover started");
        assertThat(later.verdict()).isEqualTo(Coverage.Verdict.PAYABLE);
    }

    @Test
    void aClaimNearTheSumInsuredIsSuspicious() {
        Coverage near = coverage.assess(notice("2026-11-20", "FIRE", "170000", "EUR"), HOME, List.of());
        Coverage below = coverage.assess(notice("2026-11-20", "FIRE", "160000", "EUR"), HOME, List.of());

        assertThat(near.verdict()).isEqualTo(Coverage.Verdict.SUSPICIOUS);
        assertThat(near.reason()).contains("at least 90 % of the sum insured");
        assertThat(below.verdict()).isEqualTo(Coverage.Verdict.PAYABLE);
    }

    @Test
    void anAmountInAnotherCurrencyOrALossInTheFutureIsSuspicious() {
        assertThat(coverage.assess(notice("2026-11-20", "FIRE", "850", "USD"), HOME, List.of()).verdict())
                .isEqualTo(Coverage.Verdict.SUSPICIOUS);
        assertThat(coverage.assess(notice("2026-12-20", "FIRE", "850", "EUR"), HOME, List.of()).reason())
                .contains("in the future");
    }

    @Test
    void withinTheDeductibleNothingIsPaidAndWithoutAnAmountAnAdjusterEstimates() {
        Coverage small = coverage.assess(notice("2026-11-20", "GLASS", "200", "EUR"), HOME, List.of());
        Coverage unknown = coverage.assess(notice("2026-11-20", "GLASS", null, null), HOME, List.of());

        assertThat(small.verdict()).isEqualTo(Coverage.Verdict.BELOW_DEDUCTIBLE);
        assertThat(small.payable()).isNull();
        assertThat(unknown.verdict()).isEqualTo(Coverage.Verdict.NO_AMOUNT);
        assertThat(unknown.verdict().files()).isTrue();
    }
}
