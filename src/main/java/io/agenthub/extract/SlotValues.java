package io.agenthub.extract;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives a span the tagger found its canonical value, with the recognisers' normalisers: what they read over the
 * same characters of the whole text (the context tells "from" and "until"), else what they read in the span alone,
 * else the schema's "ambiguous" where it has one. A span whose value cannot be read and whose schema type has no
 * "ambiguous" (a time of day, an amount, a count) is dropped: an answer holds only values a back-end can use.
 */
public final class SlotValues {

    private static final Pattern DIGITS = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?|\\d+(?:\\.\\d{1,2})?");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(Map.entry("one", 1), Map.entry("two", 2),
            Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("fifty", 50), Map.entry("hundred", 100),
            Map.entry("a couple", 2), Map.entry("couple", 2), Map.entry("a few", 3), Map.entry("few", 3), Map.entry("dozen", 12));
    private static final Pattern CURRENCY = Pattern.compile("(?i)[£€$]|\\b(?:pounds?|quid|sterling|gbp|dollars?|bucks|usd|euros?|eur)\\b");
    private static final Pattern CLOCK_WORD = Pattern.compile("(?i)\\b(noon|midday|midnight)\\b");
    private static final Pattern HOUR = Pattern.compile("(?<![\\d.,:])([01]?\\d|2[0-3])(?![\\d.,:])");

    private final AmountRecognizer amounts = new AmountRecognizer();
    private final DateRecognizer dates = new DateRecognizer();
    private final TimeRecognizer times = new TimeRecognizer();

    /** The slot for {@code span}, or empty when its value cannot be read and its type has no "ambiguous". */
    public Optional<Slot> resolve(TaggedSpan span, String text, LocalDateTime reference, List<Slot> rules) {
        String words = text.substring(span.start(), span.end());
        Object value = switch (span.name()) {
            case "amount_of_money" -> money(span, words, rules);
            case "date", "date_from", "date_to" -> date(span, words, reference, rules);
            case "date_period" -> datePeriod(span, words, reference, rules);
            case "time", "time_from", "time_to" -> clock(span, words, reference, rules);
            case "time_period" -> timePeriod(span, words, reference, rules);
            case "number" -> count(words);
            default -> words.strip().replaceAll("\\s+", " ");  // person_name, company_name, shopping_category
        };
        return value == null ? Optional.empty() : Optional.of(new Slot(span.name(), span.start(), span.end(), words, value));
    }

    /** The first value of the given type that the recognisers read overlapping the span, in the whole text or the span alone. */
    private static <T> T read(TaggedSpan span, List<Slot> rules, List<Slot> alone, Class<T> type) {
        for (Slot rule : rules) {
            if (rule.start() < span.end() && span.start() < rule.end() && type.isInstance(rule.value())) {
                return type.cast(rule.value());
            }
        }
        for (Slot slot : alone) {
            if (type.isInstance(slot.value())) {
                return type.cast(slot.value());
            }
        }
        return null;
    }

    private Money money(TaggedSpan span, String words, List<Slot> rules) {
        List<Slot> alone = new ArrayList<>();
        amounts.find(words, alone);
        Money money = read(span, rules, alone, Money.class);
        if (money != null) {
            return money;
        }
        Matcher digits = DIGITS.matcher(words);
        if (!digits.find()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(digits.group().replace(",", ""));
        if (amount.signum() <= 0) {
            return null;
        }
        Matcher currency = CURRENCY.matcher(words);
        String code = Money.AMBIGUOUS;
        if (currency.find()) {
            code = AmountRecognizer.code(currency.group());
        }
        return new Money(amount, code);
    }

    private Object date(TaggedSpan span, String words, LocalDateTime reference, List<Slot> rules) {
        List<Slot> alone = new ArrayList<>();
        dates.find(words, reference.toLocalDate(), alone);
        LocalDate day = read(span, rules, alone, LocalDate.class);
        if (day != null) {
            return day;
        }
        DatePeriod period = read(span, rules, alone, DatePeriod.class);
        return period != null && period.from() != null ? period.from() : "ambiguous";
    }

    private Object datePeriod(TaggedSpan span, String words, LocalDateTime reference, List<Slot> rules) {
        List<Slot> alone = new ArrayList<>();
        dates.find(words, reference.toLocalDate(), alone);
        DatePeriod period = read(span, rules, alone, DatePeriod.class);
        if (period != null) {
            return period;
        }
        LocalDate day = read(span, rules, alone, LocalDate.class);
        return day != null ? new DatePeriod("absolute", day, day, null) : new DatePeriod("ambiguous", null, null, null);
    }

    private Object clock(TaggedSpan span, String words, LocalDateTime reference, List<Slot> rules) {
        List<Slot> alone = new ArrayList<>();
        times.find(words, reference, alone);
        ClockTime time = read(span, rules, alone, ClockTime.class);
        if (time != null) {
            return time;
        }
        Matcher word = CLOCK_WORD.matcher(words);
        if (word.find()) {
            return new ClockTime(word.group(1).equalsIgnoreCase("midnight") ? 0 : 12, 0);
        }
        Matcher hour = HOUR.matcher(words);
        if (hour.find()) {
            int h = Integer.parseInt(hour.group(1));
            boolean later = words.toLowerCase(Locale.ROOT).matches(".*\\b(?:p\\.?m|afternoon|evening|night)\\b.*");
            return new ClockTime(later && h < 12 ? h + 12 : h, 0);
        }
        return null;
    }

    private Object timePeriod(TaggedSpan span, String words, LocalDateTime reference, List<Slot> rules) {
        List<Slot> alone = new ArrayList<>();
        times.find(words, reference, alone);
        TimePeriod period = read(span, rules, alone, TimePeriod.class);
        return period != null ? period : new TimePeriod("ambiguous", null);
    }

    private static Integer count(String words) {
        Matcher digits = Pattern.compile("\\d+").matcher(words);
        if (digits.find() && digits.group().length() <= 9) {
            return Integer.parseInt(digits.group());
        }
        String lower = words.toLowerCase(Locale.ROOT).strip();
        return NUMBER_WORDS.get(lower.replaceAll("^an?\\s+", "a ").replaceAll("^a (?!couple|few)", ""));
    }
}
