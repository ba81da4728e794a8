package io.agenthub.flows.fraud;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a customer's reply to the fraud outreach ("did you make this payment? Reply YES if you did, NO if you did
 * not") with deterministic rules, not a model: a card is blocked on the reading, so it must be explainable and
 * testable phrase by phrase (CustomerReplyRulesTest holds the phrases it was checked on). A denial ("it wasn't me",
 * "I don't recognise it", "no") is confirmed fraud; a confirmation ("yes", "that was me") is not fraud; a reply with
 * both, with neither, a question, or a long text is unclear and goes to people. Denials are looked for first and
 * taken out before confirmations are, so "not mine" never counts as "mine".
 */
public final class CustomerReplyRules {

    /** Longer replies tell a story ("yes, but the second one ..."): people read them. */
    static final int LONGEST_READ = 160;

    private record Rule(String name, Pattern pattern) {
    }

    private static Rule rule(String name, String regex) {
        return new Rule(name, Pattern.compile("(?<![a-z'])(?:" + regex + ")(?![a-z'])"));
    }

    private static final List<Rule> DENIALS = List.of(
            rule("not-me", "(?:it|that|this)?\\s*(?:was\\s*n'?t|was not|wasnt|is\\s*n'?t|is not|isnt)\\s+(?:me|mine|us)"),
            rule("not-me", "not me|not mine|not us|not ours"),
            rule("did-not-make", "(?:i\\s+)?(?:did\\s*n'?t|did not|didnt|never)\\s+(?:make|made|do|did|authori[sz]e|buy|pay|spend)"),
            rule("do-not-recognise", "(?:i\\s+)?(?:do\\s*n'?t|do not|dont)\\s+(?:recogni[sz]e|know)"),
            rule("do-not-recognise", "not recogni[sz]ed|unrecogni[sz]ed|no idea what"),
            rule("fraud", "fraud|fraudulent|scam|stolen|hacked|someone else"),
            rule("no", "no|nope|n"));

    private static final List<Rule> CONFIRMATIONS = List.of(
            rule("it-was-me", "(?:it|that|this)?\\s*(?:was|is|'s)\\s+(?:me|mine|us|ours)"),
            rule("i-made-it", "i\\s+(?:made|did|paid|bought|authori[sz]ed)(?:\\s+it|\\s+that)?"),
            rule("recognise", "i\\s+recogni[sz]e"),
            rule("yes", "yes|yeah|yep|y|correct"));

    private static final Pattern APOSTROPHES = Pattern.compile("[\u2018\u2019\u02bc`\u00b4]");
    private static final Pattern NOT_LETTERS = Pattern.compile("[^a-z'?]+");

    public ReplyReading read(String reply) {
        if (reply == null || reply.isBlank()) {
            return new ReplyReading(ReplyReading.Verdict.UNCLEAR, "empty");
        }
        if (reply.length() > LONGEST_READ) {
            return new ReplyReading(ReplyReading.Verdict.UNCLEAR, "too-long");
        }
        String text = normalise(reply);
        if (text.contains("?")) {
            return new ReplyReading(ReplyReading.Verdict.UNCLEAR, "question");
        }
        String denial = null;
        for (Rule rule : DENIALS) {
            Matcher m = rule.pattern().matcher(text);
            if (m.find()) {
                denial = denial == null ? rule.name() : denial;
                text = m.replaceAll(" ");
            }
        }
        String confirmation = null;
        for (Rule rule : CONFIRMATIONS) {
            if (rule.pattern().matcher(text).find()) {
                confirmation = rule.name();
                break;
            }
        }
        if (denial != null && confirmation != null) {
            return new ReplyReading(ReplyReading.Verdict.UNCLEAR, "both:" + denial + "+" + confirmation);
        }
        if (denial != null) {
            return new ReplyReading(ReplyReading.Verdict.CONFIRMED_FRAUD, "denial:" + denial);
        }
        if (confirmation != null) {
            return new ReplyReading(ReplyReading.Verdict.NOT_FRAUD, "confirmation:" + confirmation);
        }
        return new ReplyReading(ReplyReading.Verdict.UNCLEAR, "neither");
    }

    /** Lower case, accents and typographic apostrophes folded, anything but letters, apostrophes and ? one space. */
    static String normalise(String reply) {
        String folded = Normalizer.normalize(reply, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        folded = APOSTROPHES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("'");
        return " " + NOT_LETTERS.matcher(folded).replaceAll(" ").strip() + " ";
    }
}
