package io.agenthub.extract;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An insurance claim notice's fields from a customer's message: {@code policy_number} ("POL-MOT-100234", or the
 * words after "policy number"), {@code claim_number}, {@code date_of_loss} (the first date, resolved against the
 * reference time), {@code loss_type} (the insurer's loss types, from the words for them in {@code loss-types.txt}),
 * {@code amount}, {@code location} (capitalised place names after at, in, on, near) and {@code parties} (the
 * people named as the other driver, a witness, a neighbour...).
 */
public final class ClaimNoticeRecognizers implements SlotExtractor {

    private static final Pattern POLICY = Pattern.compile("(?i)\\b(?:POL-[A-Z]{3}-\\d{6}"
            + "|(?<=policy\\s(?:number|no\\.?|#|ref(?:erence)?)?\\s?[:#]?\\s?)(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{4,})\\b");
    private static final Pattern CLAIM = Pattern.compile("(?i)\\b(?:CLM-\\d{4}-\\d{6}"
            + "|(?<=claim\\s(?:number|no\\.?|#|ref(?:erence)?)\\s?[:#]?\\s?)(?=[A-Z0-9-]*\\d)[A-Z0-9][A-Z0-9-]{4,})\\b");
    private static final String PLACE_WORD = "(?!(?:January|February|March|April|May|June|July|August|September|October|November|December"
            + "|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|Policy|POL|CLM)\\b)\\p{Lu}[\\p{L}'-]*";
    private static final Pattern LOCATION = Pattern.compile("\\b(?:at|in|on|near|outside|opposite)\\s+(?:the\\s+)?(?:junction\\s+of\\s+)?"
            + "(?<place>" + PLACE_WORD + "(?:(?:\\s+|\\s*/\\s*|,\\s*|\\s+(?:and|of|de|am|an|der)\\s+)" + PLACE_WORD + ")*)");
    private static final Pattern PARTY = Pattern.compile("(?i:other\\s+driver|third\\s+party|driver|witness|neighbou?r|cyclist|pedestrian|tenant|landlord)"
            + "(?:'s\\s+name)?(?:\\s*,|\\s*:)?\\s+(?:(?i:was|is|named|called)\\s+)?(?<name>\\p{Lu}\\p{Ll}+(?:\\s+\\p{Lu}[\\p{Ll}'-]+)+)");

    private final AmountRecognizer amounts = new AmountRecognizer();
    private final DateRecognizer dates = new DateRecognizer();
    /** Loss word → loss type, and one pattern of all the words, longest first so "water damage" beats "damage". */
    private final Map<String, String> lossTypes;
    private final Pattern lossWords;

    /** @param lossWords lines {@code TYPE: word, phrase, ...} from {@code loss-types.txt} */
    public ClaimNoticeRecognizers(Set<String> lossWords) {
        this.lossTypes = LossTypes.parse(lossWords);
        this.lossWords = Pattern.compile("(?i)\\b(?:" + lossTypes.keySet().stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed().thenComparing(java.util.Comparator.naturalOrder()))
                .map(Pattern::quote).collect(java.util.stream.Collectors.joining("|")) + ")\\b");
    }

    @Override
    public List<Slot> extract(String text, LocalDateTime reference) {
        List<Slot> found = new ArrayList<>();
        first(POLICY, text).ifPresent(m -> found.add(new Slot("policy_number", m.start(), m.end(), m.group(), m.group().toUpperCase(Locale.ROOT))));
        first(CLAIM, text).ifPresent(m -> found.add(new Slot("claim_number", m.start(), m.end(), m.group(), m.group().toUpperCase(Locale.ROOT))));
        List<Slot> money = new ArrayList<>();
        amounts.find(text, money);
        money.stream().filter(s -> found.stream().noneMatch(s::overlaps)).findFirst()
                .ifPresent(s -> found.add(new Slot("amount", s.start(), s.end(), s.text(), s.value())));
        List<Slot> days = new ArrayList<>();
        dates.find(text, reference.toLocalDate(), days);
        days.stream().filter(s -> s.value() instanceof LocalDate && found.stream().noneMatch(s::overlaps)).findFirst()
                .ifPresent(s -> found.add(new Slot("date_of_loss", s.start(), s.end(), s.text(), PastDates.before((LocalDate) s.value(), s.text(),
                        reference.toLocalDate()))));
        lossType(text).ifPresent(found::add);
        Matcher place = LOCATION.matcher(text);
        while (place.find()) {
            Slot slot = new Slot("location", place.start("place"), place.end("place"), place.group("place"), place.group("place"));
            if (found.stream().noneMatch(slot::overlaps) && !slot.text().matches("(?i)POL-.*|CLM-.*")) {
                found.add(slot);
                break;
            }
        }
        List<String> names = new ArrayList<>();
        int start = -1;
        int end = -1;
        Matcher party = PARTY.matcher(text);
        while (party.find()) {
            names.add(party.group("name"));
            start = start < 0 ? party.start("name") : start;
            end = party.end("name");
        }
        if (!names.isEmpty()) {
            // one slot for everyone named: its text runs from the first name to the last
            found.add(new Slot("parties", start, end, text.substring(start, end), List.copyOf(names)));
        }
        found.sort(Comparator.comparingInt(Slot::start));
        return found;
    }

    /** The first loss word in the text (the longest at the same place), with its loss type. */
    private java.util.Optional<Slot> lossType(String text) {
        Matcher m = lossWords.matcher(text);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Slot("loss_type", m.start(), m.end(), m.group(), lossTypes.get(m.group().toLowerCase(Locale.ROOT))));
    }

    private static java.util.Optional<Matcher> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? java.util.Optional.of(m) : java.util.Optional.empty();
    }

    /** The loss-type word list: each line {@code TYPE: word, phrase, ...}, read into word → type. */
    static final class LossTypes {

        private LossTypes() {
        }

        static Map<String, String> parse(Set<String> lines) {
            Map<String, String> words = new java.util.HashMap<>();
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("loss-types.txt: '" + line + "' is not TYPE: word, word");
                }
                String type = line.substring(0, colon).strip().toUpperCase(Locale.ROOT);
                for (String word : line.substring(colon + 1).split(",")) {
                    if (!word.isBlank()) {
                        words.put(word.strip(), type);
                    }
                }
            }
            return Map.copyOf(words);
        }
    }
}
