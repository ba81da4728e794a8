package io.agenthub.sandbox;

import io.agenthub.sandbox.InsuranceModel.Claim;
import io.agenthub.sandbox.InsuranceModel.ClaimNotice;
import io.agenthub.sandbox.InsuranceModel.ClaimStatus;
import io.agenthub.sandbox.InsuranceModel.Letter;
import io.agenthub.sandbox.InsuranceModel.LetterOrder;
import io.agenthub.sandbox.InsuranceModel.Payout;
import io.agenthub.sandbox.InsuranceModel.PayoutOrder;
import io.agenthub.sandbox.InsuranceModel.Policy;
import io.agenthub.sandbox.InsuranceModel.PolicyStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The insurer's state: policyholders and policies are fixed by the seed; claims grow. Every method
 * holds the store's lock, so a claim's checks and its registration are atomic.
 */
final class InsuranceStore {

    private static final Comparator<Claim> NEWEST_FIRST = Comparator
            .comparing(Claim::reportedAt).thenComparing(Claim::claimNumber).reversed();

    private final Clock clock;
    private final Set<String> policyholders;
    private final Map<String, List<String>> lossTypesByProduct;
    private final Set<String> allLossTypes = new TreeSet<>();
    private final Map<String, Policy> policies = new LinkedHashMap<>();
    private final Map<String, Claim> claims = new LinkedHashMap<>();
    private final Map<String, Payout> payouts = new LinkedHashMap<>();
    private final Map<String, List<Letter>> letters = new LinkedHashMap<>();
    private long claimSequence = 10_000;
    private long payoutSequence;
    private long letterSequence;

    InsuranceStore(SandboxSeed.Insurance seed, Clock clock) {
        this.clock = clock;
        this.policyholders = seed.customers().stream().map(InsuranceModel.Policyholder::customerId)
                .collect(Collectors.toUnmodifiableSet());
        this.lossTypesByProduct = seed.lossTypesByProduct();
        lossTypesByProduct.values().forEach(allLossTypes::addAll);
        seed.policies().forEach(p -> policies.put(p.policyNumber(), p));
        seed.claims().forEach(c -> claims.put(c.claimNumber(), c));
    }

    /** Every loss type some product covers; anything else is a malformed request rather than an uncovered loss. */
    Set<String> lossTypes() {
        return Collections.unmodifiableSet(allLossTypes);
    }

    /** Empty when the insurer does not know the customer at all, as opposed to a customer without policies. */
    synchronized Optional<List<Policy>> policiesOf(String customerId) {
        if (!policyholders.contains(customerId)) {
            return Optional.empty();
        }
        return Optional.of(policies.values().stream().filter(p -> p.customerId().equals(customerId)).toList());
    }

    synchronized Optional<Policy> policy(String policyNumber) {
        return Optional.ofNullable(policies.get(policyNumber));
    }

    synchronized Optional<List<Claim>> claimsOf(String policyNumber) {
        if (!policies.containsKey(policyNumber)) {
            return Optional.empty();
        }
        return Optional.of(claims.values().stream()
                .filter(c -> c.policyNumber().equals(policyNumber)).sorted(NEWEST_FIRST).toList());
    }

    synchronized Optional<Claim> claim(String claimNumber) {
        return Optional.ofNullable(claims.get(claimNumber));
    }

    /** Registers a first notice of loss; a notice the policy cannot accept is a 422 problem. */
    synchronized Claim fileClaim(ClaimNotice notice) {
        Policy policy = policies.get(notice.policyNumber());
        if (policy == null) {
            throw ProblemException.unprocessable("unknown-policy", "Unknown policy",
                    "Policy " + notice.policyNumber() + " does not exist.");
        }
        if (policy.status() != PolicyStatus.ACTIVE) {
            throw ProblemException.unprocessable("policy-not-active", "Policy not in force",
                    "Policy " + policy.policyNumber() + " is " + policy.status() + " and cannot take new claims.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (notice.dateOfLoss().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            throw ProblemException.unprocessable("loss-date-in-future", "Loss date in the future",
                    "The date of loss " + notice.dateOfLoss() + " is in the future.");
        }
        if (!policy.covers(notice.dateOfLoss())) {
            throw ProblemException.unprocessable("loss-date-outside-cover", "Loss date outside the policy period",
                    "Policy " + policy.policyNumber() + " covers " + policy.startDate() + " to " + policy.endDate()
                            + ", not " + notice.dateOfLoss() + ".");
        }
        if (!policy.currency().equals(notice.currency())) {
            throw ProblemException.unprocessable("currency-mismatch", "Currency mismatch",
                    "Policy " + policy.policyNumber() + " is written in " + policy.currency() + ".");
        }
        if (!lossTypesByProduct.getOrDefault(policy.product(), List.of()).contains(notice.lossType())) {
            throw ProblemException.unprocessable("loss-type-not-covered", "Loss type not covered",
                    "A " + policy.product() + " policy does not cover " + notice.lossType() + ".");
        }
        String claimNumber = nextClaimNumber(now);
        Claim claim = new Claim(claimNumber, policy.policyNumber(), policy.customerId(), ClaimStatus.OPEN,
                notice.dateOfLoss(), notice.lossType(), notice.description(), notice.estimatedAmount(),
                notice.currency(), notice.location(), now, null);
        claims.put(claimNumber, claim);
        return claim;
    }

    /**
     * Pays a claim once: an OPEN or IN_REVIEW claim becomes SETTLED with the amount paid. Refused (422) for a claim
     * already settled, rejected or closed, in another currency than its policy's, or above the sum insured.
     */
    synchronized Payout payClaim(PayoutOrder order) {
        Claim claim = claims.get(order.claimNumber());
        if (claim == null) {
            throw ProblemException.notFound("Claim", order.claimNumber());
        }
        if (claim.status() != ClaimStatus.OPEN && claim.status() != ClaimStatus.IN_REVIEW) {
            throw ProblemException.unprocessable("claim-not-payable", "Claim not payable",
                    "Claim " + claim.claimNumber() + " is " + claim.status() + ".");
        }
        Policy policy = policies.get(claim.policyNumber());
        if (!policy.currency().equals(order.currency())) {
            throw ProblemException.unprocessable("currency-mismatch", "Currency mismatch",
                    "Policy " + policy.policyNumber() + " is written in " + policy.currency() + ".");
        }
        if (order.amount().compareTo(policy.sumInsured()) > 0) {
            throw ProblemException.unprocessable("over-sum-insured", "Over the sum insured",
                    "Policy " + policy.policyNumber() + " insures at most " + policy.sumInsured().toPlainString() + ".");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Payout payout = new Payout(String.format("PAY-%06d", ++payoutSequence), claim.claimNumber(),
                claim.policyNumber(), claim.customerId(), order.amount(), order.currency(), order.reference(), now);
        payouts.put(payout.payoutId(), payout);
        claims.put(claim.claimNumber(), new Claim(claim.claimNumber(), claim.policyNumber(), claim.customerId(),
                ClaimStatus.SETTLED, claim.dateOfLoss(), claim.lossType(), claim.description(), claim.estimatedAmount(),
                claim.currency(), claim.location(), claim.reportedAt(), order.amount()));
        return payout;
    }

    /** Keeps a letter to a claim's policy holder, for the insurer's print and mail room. */
    synchronized Letter sendLetter(LetterOrder order) {
        Claim claim = claims.get(order.claimNumber());
        if (claim == null) {
            throw ProblemException.notFound("Claim", order.claimNumber());
        }
        Letter letter = new Letter(String.format("LET-%06d", ++letterSequence), claim.claimNumber(), claim.customerId(),
                order.template(), order.templateVersion(), order.text(), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        letters.computeIfAbsent(claim.claimNumber(), n -> new ArrayList<>()).add(letter);
        return letter;
    }

    /** The letters sent on a claim, oldest first; empty when the insurer does not know the claim. */
    synchronized Optional<List<Letter>> lettersOf(String claimNumber) {
        if (!claims.containsKey(claimNumber)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(letters.getOrDefault(claimNumber, List.of())));
    }

    private String nextClaimNumber(Instant now) {
        int year = LocalDate.ofInstant(now, ZoneOffset.UTC).getYear();
        String number;
        do {
            number = String.format("CLM-%d-%06d", year, ++claimSequence);
        } while (claims.containsKey(number));
        return number;
    }
}
