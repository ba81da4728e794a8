package io.agenthub.pii;

import io.agenthub.api.PiiType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The predefined recognisers: formats with a checksum are validated, ambiguous ones need context words. They are
 * named in {@code compliance/pii.yaml} ({@code recognizers:}), which switches each on or off; the tagger for
 * names and addresses ({@link EntityTagger}) is predefined too, but is a model, not a pattern.
 */
public final class PiiRecognizers {

    /** The phone recogniser's name: the one predefined pattern recogniser with a setting (its regions). */
    public static final String PHONE = "phone-number";
    /** The tagger's name ({@link EntityTagger#name()}): set by its model and gate, it runs after every pattern. */
    public static final String TAGGER = "entity-tagger";

    private static final String MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December"
            + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)";

    private PiiRecognizers() {
    }

    /** Every predefined pattern recogniser, each with its phone regions when it is the phone recogniser. */
    public static List<Recognizer> standard(List<String> phoneRegions) {
        return List.copyOf(predefined(phoneRegions).values());
    }

    /** The names of the predefined recognisers, in the order they run, the tagger last. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(predefined(List.of()).keySet());
        names.add(TAGGER);
        return List.copyOf(names);
    }

    /**
     * The predefined pattern recognisers by name, in the order they run. The order matters: the phone recogniser
     * skips digits inside a card number or IBAN found before it, and equally good overlapping candidates are
     * decided by it.
     *
     * @param phoneRegions the ISO 3166 regions whose national phone formats are recognised
     */
    static Map<String, Recognizer> predefined(List<String> phoneRegions) {
        Map<String, Recognizer> byName = new LinkedHashMap<>();
        for (Recognizer recognizer : List.of(
                PatternRecognizer.of("email", PiiType.EMAIL_ADDRESS,
                        "(?i)\\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.[a-z]{2,}\\b", 0.95),
                PatternRecognizer.of("credit-card", PiiType.CREDIT_CARD, "\\b(?:\\d[ -]?){11,18}\\d\\b", 0.6)
                        .validatedBy(s -> digits(s).length() >= 12 && Checksums.luhn(s) && !sameDigit(s))
                        .context("card", "cc", "visa", "mastercard", "amex", "credit", "debit"),
                PatternRecognizer.of("iban", PiiType.IBAN_CODE, "\\b[A-Za-z]{2}\\d{2}[A-Za-z0-9]{11,30}\\b", 0.95)
                        .validatedBy(Checksums::iban),
                PatternRecognizer.of("iban-grouped", PiiType.IBAN_CODE,
                        "\\b[A-Za-z]{2}\\d{2}(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?\\b", 0.95)
                        .validatedBy(Checksums::iban),
                PatternRecognizer.of("us-ssn", PiiType.US_SSN, "\\b\\d{3}([- .])\\d{2}\\1\\d{4}\\b", 0.5)
                        .validatedBy(Checksums::ssn).context("ssn", "social security", "social sec"),
                PatternRecognizer.of("us-ssn-plain", PiiType.US_SSN, "\\b\\d{9}\\b", 0.6)
                        .validatedBy(Checksums::ssn).onlyAfter("ssn", "social security"),
                PatternRecognizer.of("ipv4", PiiType.IP_ADDRESS,
                        "\\b(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\b", 0.6)
                        .context("ip", "address", "server", "host"),
                PatternRecognizer.of("ipv6", PiiType.IP_ADDRESS,
                        "(?i)(?<![0-9a-f:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:|(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}|::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})(?![0-9a-f:])", 0.6)
                        .validatedBy(s -> s.chars().filter(c -> c == ':').count() >= 2),
                new PhoneRecognizer(phoneRegions),
                PatternRecognizer.of("date-iso", PiiType.DATE_TIME,
                        "\\b\\d{4}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\\d|3[01])(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b", 0.85),
                PatternRecognizer.of("date-numeric", PiiType.DATE_TIME,
                        "\\b(?:0?[1-9]|[12]\\d|3[01])[/.](?:0?[1-9]|[12]\\d|3[01])[/.](?:\\d{4}|\\d{2})\\b", 0.7),
                PatternRecognizer.of("date-words", PiiType.DATE_TIME,
                        "\\b(?:(?:\\d{1,2}(?:st|nd|rd|th)?(?: of)? " + MONTH + "\\.?(?:,? \\d{4})?)|(?:" + MONTH
                                + "\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?)|(?:" + MONTH + "\\.?,? \\d{4}))\\b", 0.75),
                PatternRecognizer.of("weekday", PiiType.DATE_TIME,
                        "\\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b", 0.6),
                PatternRecognizer.of("time", PiiType.DATE_TIME,
                        "(?i)\\b(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?(?:\\s?[ap]\\.?m\\.?)?\\b|\\b(?:1[0-2]|0?[1-9])\\s?[ap]\\.?m\\.?(?![a-z])", 0.6),
                PatternRecognizer.of("year", PiiType.DATE_TIME,
                        "(?i)\\b(?:in|since|during|of|year|until|till|from|by|before|after|circa|a|born)\\s+((?:1[89]|20)\\d{2})\\b", 0.6)
                        .group(1),
                PatternRecognizer.of("zip-code", PiiType.ZIP_CODE,
                        "(?i)\\b(?:zip(?: code)?|postal code|post ?code)\\b\\W{0,3}(?:is\\s+)?:?\\s*(\\d{3,5}(?:[ -]\\d{2,4})?)\\b", 0.85)
                        .group(1),
                PatternRecognizer.of("us-zip", PiiType.ZIP_CODE, "\\b\\d{5}-\\d{4}\\b", 0.5),
                // A UK postcode (Royal Mail's formats: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA): in
                // capitals, or in lower case with its space ("ls6 2ab"). Alone at minScore, so the tagger's address
                // around it, as long and at least as sure, wins; after "postcode" it stands on its own.
                PatternRecognizer.of("uk-postcode", PiiType.ZIP_CODE,
                        "\\b(?:[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]? ?\\d[ABD-HJLNP-UW-Z]{2}|[a-pr-uwyz][a-hk-y]?\\d[a-z\\d]? \\d[abd-hjlnp-uw-z]{2})\\b", 0.5)
                        .context("postcode", "post code", "postal code", "zip"),
                PatternRecognizer.of("us-driver-license", PiiType.US_DRIVER_LICENSE,
                        "(?i)\\b(?:driver'?s?|driving)\\s+licen[cs]e(?:\\s+(?:number|no\\.?|#))?(?:\\s+is)?\\s*:?\\s*([A-Z0-9][A-Z0-9-]{3,16}\\d)\\b", 0.95)
                        .group(1),
                PatternRecognizer.of("bank-account", PiiType.US_BANK_NUMBER,
                        "(?i)\\b(?:account|acct|a/c)(?:\\s+(?:number|no\\.?|#))?(?:\\s+is)?\\s*:?\\s*(\\d{8,17})\\b", 0.8)
                        .group(1),
                new FramedNameRecognizer())) {
            byName.put(recognizer.name(), recognizer);
        }
        return byName;
    }

    private static String digits(String s) {
        return s.replaceAll("\\D", "");
    }

    private static boolean sameDigit(String s) {
        return digits(s).chars().distinct().count() == 1;
    }
}
