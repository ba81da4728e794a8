package io.agenthub.flows.claims;

import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.insurance.Claim;
import io.agenthub.connectors.insurance.Policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claim-status flow's steps (routes/claim-status.camel.yaml): the claim number a customer quotes, if any, and the
 * answer from the claims of their own policies at the insurer. A claim is only ever told to the customer whose policy
 * it is under: a number that is not among theirs is not looked up elsewhere, and goes to people.
 */
public final class ClaimStatuses {

    /** Reads a value the front door replaced by a token back from the customer's vault, by the token's name (PHONE_NUMBER_1). */
    @FunctionalInterface
    public interface Tokens {
        Optional<String> reveal(HubRequest request, String token);
    }

    /** The insurer's claim numbers, e.g. CLM-2026-005207; customers type them in lower case too. */
    private static final Pattern CLAIM_NUMBER = Pattern.compile("\\bCLM-\\d{4}-\\d{4,8}\\b", Pattern.CASE_INSENSITIVE);
    /**
     * A claim number's digits look like a phone number to the personal-data recognisers, so the front door tokenises
     * them: "CLM-2026-005207" reaches the flow as "CLM-&lt;PHONE_NUMBER_1&gt;". The token after the prefix is read back.
     */
    private static final Pattern TOKENISED = Pattern.compile("\\bCLM-<([A-Z][A-Z_]*_\\d+)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern DIGITS = Pattern.compile("\\d{4}-\\d{4,8}");
    /** Claims a customer is still waiting on; any of these is news, a settled one from years ago is not. */
    private static final Set<String> OPEN = Set.of("OPEN", "IN_REVIEW");
    /** The most claims one answer lists, newest first. */
    static final int MOST_LISTED = 5;

    private final Tokens tokens;

    public ClaimStatuses(Tokens tokens) {
        this.tokens = tokens;
    }

    /** The claim number the request quotes (the first, upper-cased); null when it quotes none. */
    public String claimNumber(HubRequest request) {
        String text = request.text() == null ? "" : request.text();
        Matcher plain = CLAIM_NUMBER.matcher(text);
        if (plain.find()) {
            return plain.group().toUpperCase(Locale.ROOT);
        }
        Matcher tokenised = TOKENISED.matcher(text);
        while (tokenised.find()) {
            Optional<String> digits = tokens.reveal(request, tokenised.group(1)).map(String::strip)
                    .filter(value -> DIGITS.matcher(value).matches());
            if (digits.isPresent()) {
                return "CLM-" + digits.get();
            }
        }
        return null;
    }

    /** The policy number of the {@code index}-th policy: the flow loops over the customer's policies. */
    public String policyAt(List<Policy> policies, int index) {
        return policies.get(index).policyNumber();
    }

    /** No claims found yet. */
    public List<Claim> none() {
        return List.of();
    }

    /** The claims found so far with those of one more policy. */
    public List<Claim> with(List<Claim> found, List<Claim> more) {
        List<Claim> all = new ArrayList<>(found);
        all.addAll(more);
        return all;
    }

    /**
     * The claim the customer asked about, or, when they named none, the claims they are still waiting on (else their
     * newest), worded by the templates; a number that is not theirs, or no claim at all, goes to people.
     *
     * @param claimNumber what {@link #claimNumber} found, or null
     * @param claims      the claims of every policy the customer holds
     */
    public FlowResult answer(String claimNumber, List<Claim> claims) {
        List<Claim> newestFirst = claims.stream()
                .sorted(Comparator.comparing(Claim::reportedAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder())))
                .toList();
        if (claimNumber != null) {
            Optional<Claim> asked = newestFirst.stream().filter(c -> claimNumber.equalsIgnoreCase(c.claimNumber())).findFirst();
            return asked.map(claim -> FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CLAIM_STATUS_ONE, "claim", line(claim))))
                    .orElseGet(() -> FlowResult.referred(ReplyText.of(ReplyKey.CLAIM_STATUS_NOT_FOUND, "claimNumber", claimNumber),
                            "claim-status: the claim number given is not one of the customer's claims"));
        }
        if (newestFirst.isEmpty()) {
            return FlowResult.referred(ReplyText.of(ReplyKey.CLAIM_STATUS_NONE),
                    "claim-status: the insurer has no claim under the customer's policies");
        }
        List<Claim> open = newestFirst.stream().filter(c -> OPEN.contains(c.status())).toList();
        List<Claim> told = (open.isEmpty() ? newestFirst.subList(0, 1) : open).stream().limit(MOST_LISTED).toList();
        if (told.size() == 1) {
            return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CLAIM_STATUS_ONE, "claim", line(told.get(0))));
        }
        List<Object> lines = told.stream().map(c -> (Object) line(c)).toList();
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CLAIM_STATUS_MANY, "claims",
                new ReplyText.Joined(ReplyKey.CLAIM_STATUS_SEPARATOR, lines)));
    }

    private static ReplyText line(Claim claim) {
        return ReplyText.of(ReplyKey.CLAIM_STATUS_LINE, "claimNumber", claim.claimNumber(),
                "dateOfLoss", claim.dateOfLoss() == null ? null : claim.dateOfLoss().toString(), "state", state(claim));
    }

    private static ReplyText state(Claim claim) {
        String status = claim.status() == null ? "" : claim.status();
        return switch (status) {
            case "OPEN" -> ReplyText.of(ReplyKey.CLAIM_STATE_OPEN);
            case "IN_REVIEW" -> ReplyText.of(ReplyKey.CLAIM_STATE_IN_REVIEW);
            case "SETTLED" -> claim.settledAmount() == null ? ReplyText.of(ReplyKey.CLAIM_STATE_CLOSED)
                    : ReplyText.of(ReplyKey.CLAIM_STATE_SETTLED, "amount", money(claim.settledAmount()), "currency", claim.currency());
            case "REJECTED" -> ReplyText.of(ReplyKey.CLAIM_STATE_REJECTED);
            case "CLOSED" -> ReplyText.of(ReplyKey.CLAIM_STATE_CLOSED);
            default -> ReplyText.of(ReplyKey.CLAIM_STATE_OTHER);
        };
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(Math.max(2, amount.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }
}
