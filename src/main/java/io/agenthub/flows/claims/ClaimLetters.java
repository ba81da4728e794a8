package io.agenthub.flows.claims;

import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.insurance.InsuranceOperations;
import io.agenthub.connectors.insurance.Payout;
import org.apache.commons.text.StringSubstitutor;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The letters to a policy holder about a claim (bean {@code claimLetters}), from the versioned templates of
 * {@code models/claim-letters/<version>/} (its README lists each template's variables). A letter is sent to the insurance
 * back-end's correspondence endpoint under a key of the action that led to it, so a re-run sends it once.
 */
public final class ClaimLetters {

    /** The template of the letter after a payout. */
    public static final String PAID = "claim-paid";
    static final Set<String> PAID_VARIABLES = Set.of("claimNumber", "policyNumber", "dateOfLoss", "lossType", "claimed",
            "deductible", "paid", "currency", "paidOn", "payoutId");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** A letter as written: its template and version go with it to the back-end and into the audit trail. */
    public record ClaimLetter(String claimNumber, String template, String version, String text) {
    }

    private final String version;
    private final Map<String, String> templates;
    private final InsuranceOperations insurance;

    /**
     * @param templates template name to its text; each may use only its variables, or the start is refused
     */
    public ClaimLetters(String version, Map<String, String> templates, InsuranceOperations insurance) {
        this.version = Objects.requireNonNull(version, "version");
        this.templates = Map.copyOf(templates);
        this.insurance = insurance;
        String paid = this.templates.get(PAID);
        if (paid == null) {
            throw new IllegalArgumentException("models/claim-letters/" + version + " has no " + PAID + ".txt");
        }
        Matcher used = VARIABLE.matcher(paid);
        while (used.find()) {
            if (!PAID_VARIABLES.contains(used.group(1))) {
                throw new IllegalArgumentException("models/claim-letters/" + version + "/" + PAID + ".txt uses ${"
                        + used.group(1) + "}; its variables are " + List.copyOf(new java.util.TreeSet<>(PAID_VARIABLES)));
            }
        }
    }

    public String version() {
        return version;
    }

    /** The letter after a payout, from the settlement as cleared and the payout as made. */
    public ClaimLetter paid(ActionOrder order, Payout payout) {
        ProposedAction action = order.action();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("claimNumber", payout.claimNumber());
        values.put("policyNumber", action.text("policyNumber"));
        values.put("dateOfLoss", action.text("dateOfLoss"));
        values.put("lossType", action.text("lossType").toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        values.put("claimed", action.text("claimed"));
        values.put("deductible", action.text("deductible"));
        values.put("paid", ClaimNotices.money(payout.amount()));
        values.put("currency", payout.currency());
        values.put("paidOn", payout.paidAt() == null ? "" : payout.paidAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        values.put("payoutId", payout.payoutId());
        StringSubstitutor substitutor = new StringSubstitutor(values);
        substitutor.setEnableUndefinedVariableException(true);
        return new ClaimLetter(payout.claimNumber(), PAID, version, substitutor.replace(templates.get(PAID)));
    }

    /** The call that sends it, under a key of the action that led to it. */
    public ConnectorCall send(ClaimLetter letter, ActionOrder order) {
        return insurance.sendLetter(letter.claimNumber(), letter.template(), letter.version(), letter.text(),
                order.idempotencyKey() + ":letter");
    }

    /** What the audit trail keeps of a letter: which template, which version, the back-end's id; not its text. */
    public Map<String, Object> step(ClaimLetter letter, io.agenthub.connectors.insurance.Letter sent) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("claimNumber", letter.claimNumber());
        detail.put("template", letter.template());
        detail.put("templateVersion", letter.version());
        detail.put("letterId", sent.letterId());
        return detail;
    }
}
