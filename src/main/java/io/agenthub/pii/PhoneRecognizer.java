package io.agenthub.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Phone numbers in international and national formats, found by Google's libphonenumber (the matcher
 * Presidio uses too) for each region a customer may write from: a national number is only a number
 * in the region whose plan it fits.
 */
final class PhoneRecognizer implements Recognizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** 3-2-4 digits is a US social security number's grouping, which no phone plan uses. */
    private static final Pattern SSN_SHAPE = Pattern.compile("\\d{3}-\\d{2}-\\d{4}");
    /** A label written after the number, as address blocks do: "416 60 039 office", "... -Office". */
    private static final Pattern LABEL_AFTER = Pattern.compile("(?i)^\\W{0,3}(?:office|fax|mobile|cell|home|work|desk|phone|tel)\\b");
    private static final Pattern CONTEXT = Pattern.compile("(?i)\\b(?:phone|tel|telephone|mobile|cell|call|fax|desk|office"
            + "|contact|reach|dial|text|sms|whatsapp|messages|number|answering|on)\\b");
    private final List<String> regions;

    PhoneRecognizer(List<String> regions) {
        this.regions = List.copyOf(regions);
    }

    @Override
    public String name() {
        return "phone-number";
    }

    /**
     * A number valid in some region's plan scores 0.6, one merely of a possible length 0.3; a context word
     * before it, or a label such as "office" right after it, ("call", "phone", "fax", ...) adds 0.3, so a number framed by its own words ("driver's
     * license number is ...", 0.95) still wins. Fewer than seven digits never count: those are house
     * numbers, ages and years far more often than extensions.
     */
    @Override
    public void find(String text, List<PiiSpan> found) {
        if (text.chars().filter(Character::isDigit).count() < 7) {
            return;  // no number here could count, and matching every region's plan is the costly part
        }
        // Several regions' matchers find the same international number; each stretch is reported once.
        Set<Long> seen = new HashSet<>();
        for (String region : regions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(text, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                long digits = match.rawString().chars().filter(Character::isDigit).count();
                if (digits < 7 || SSN_SHAPE.matcher(match.rawString()).matches()
                        || !seen.add(((long) match.start() << 32) | match.end())) {
                    continue;
                }
                double score = PHONES.isValidNumber(match.number()) ? 0.6 : 0.3;
                if (CONTEXT.matcher(text.substring(Math.max(0, match.start() - 40), match.start())).find()
                        || LABEL_AFTER.matcher(text.substring(match.end(), Math.min(text.length(), match.end() + 12))).find()) {
                    score += 0.3;
                }
                found.add(new PiiSpan(PiiType.PHONE_NUMBER, match.start(), match.end(), score, name()));
            }
        }
    }
}
