package io.agenthub.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.agenthub.api.PiiType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
    /** Digits with what numbers are written with between them: where a phone number can be. */
    private static final Pattern STRETCH = Pattern.compile("[+(]?\\d(?:[\\d\\s().\\-/]*\\d)?");
    /** Characters after a stretch that a number may still take: an extension ("ext. 1234"), a time's seconds. */
    private static final int TRAIL = 12;
    /** Values with a checksum that a phone number found inside them cannot outscore without a phone word. */
    private static final Set<PiiType> CHECKED = Set.of(PiiType.CREDIT_CARD, PiiType.IBAN_CODE);
    private static final double VALID = 0.6;
    private static final double POSSIBLE = 0.3;
    private static final double FRAMED = 0.3;

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
     * <p>
     * Matching every region's plan is the costly part, so it runs only on stretches of digits that could
     * be a number, each in a window of its own, and stops at the first region whose valid numbers cover
     * the stretch (an international number is the same number from every region). A stretch inside a
     * card number or IBAN found before, with no phone word around it, is skipped: nothing found there
     * could outscore the checked value.
     */
    @Override
    public void find(String text, List<PiiSpan> found) {
        List<PiiSpan> checked = found.stream().filter(s -> CHECKED.contains(s.type()) && s.score() >= VALID).toList();
        Matcher stretches = STRETCH.matcher(text);
        while (stretches.find()) {
            int start = stretches.start();
            int end = stretches.end();
            if (digits(stretches.group()) < 7 || (!framed(text, start, end) && inside(checked, start, end))) {
                continue;
            }
            found.addAll(numbersIn(text, start, end));
        }
    }

    /** The numbers starting in {@code text[start, end)}, each once, with the best score any region gives it. */
    private List<PiiSpan> numbersIn(String text, int start, int end) {
        String window = text.substring(start, Math.min(text.length(), end + TRAIL));
        Map<Long, PiiSpan> best = new LinkedHashMap<>();
        for (String region : regions) {
            for (PhoneNumberMatch match : PHONES.findNumbers(window, region, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
                int from = start + match.start();
                int to = start + match.end();
                if (from >= end || digits(match.rawString()) < 7 || SSN_SHAPE.matcher(match.rawString()).matches()) {
                    continue;
                }
                double score = (PHONES.isValidNumber(match.number()) ? VALID : POSSIBLE) + (framed(text, from, to) ? FRAMED : 0);
                best.merge(((long) from << 32) | to, new PiiSpan(PiiType.PHONE_NUMBER, from, to, score, name()),
                        (a, b) -> a.score() >= b.score() ? a : b);
            }
            if (coveredByValid(best.values(), start, end)) {
                break;
            }
        }
        return new ArrayList<>(best.values());
    }

    private static boolean framed(String text, int start, int end) {
        return CONTEXT.matcher(text.substring(Math.max(0, start - 40), start)).find()
                || LABEL_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 12))).find();
    }

    private static boolean inside(List<PiiSpan> spans, int start, int end) {
        return spans.stream().anyMatch(s -> s.start() <= start && end <= s.end());
    }

    private static boolean coveredByValid(Iterable<PiiSpan> numbers, int start, int end) {
        for (PiiSpan number : numbers) {
            if (number.start() <= start && end <= number.end() && number.score() >= VALID) {
                return true;
            }
        }
        return false;
    }

    private static long digits(String s) {
        return s.chars().filter(Character::isDigit).count();
    }
}
