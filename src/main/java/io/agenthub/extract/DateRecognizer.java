package io.agenthub.extract;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates and periods ({@code date}, {@code date_from}, {@code date_to}, {@code date_period}) as customers
 * write them, resolved against the request's reference date the way NLU++ annotates them: a date without
 * a year is its next occurrence ("14 Jan" in March is next January), a bare weekday the next one, "last
 * Monday" the one before, a bare ordinal ("the 5th") this month's if still ahead, else next month's.
 * "from X to Y", "between X and Y", "since X", "until X" give the range's roles; a month named as a
 * range's end is its last day.
 */
public final class DateRecognizer {

    private static final String MONTH = "(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
            + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final String DAY = "(?<day>[12]?\\d|3[01])(?:st|nd|rd|th)?";
    private static final String WEEKDAY = "(?<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
    private static final String COUNT = "(?<n>\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|some)";

    /** One kind of expression and how its match becomes a slot value; tried in order, longest kinds first. */
    private record Rule(String slot, Pattern pattern, BiFunction<Matcher, LocalDate, Object> value) {
    }

    private final List<Rule> rules = List.of(
            period("(?<nth>first|second|third|last|" + DAY + ")\\s+(?:" + WEEKDAY + "\\s+)?of\\s+(?:each|every)\\s+month", (m, r) -> DatePeriod.periodic()),
            period("(?:each|every)\\s+month|monthly", (m, r) -> DatePeriod.relative(30)),
            period("the\\s+week\\s+of\\s+the\\s+" + DAY, (m, r) -> {
                LocalDate day = ordinal(Integer.parseInt(m.group("day")), r);
                LocalDate monday = day.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
                return DatePeriod.absolute(monday, monday.plusDays(6));
            }),
            period(MONTH + "\\s+(?<which>this|last|next)\\s+year", (m, r) -> {
                int year = r.getYear() + switch (m.group("which").toLowerCase(Locale.ROOT)) {
                    case "last" -> -1;
                    case "next" -> 1;
                    default -> 0;
                };
                return wholeMonth(YearMonth.of(year, month(m.group("mon"))));
            }),
            period(MONTH + "\\s+(?<year>(?:19|20)\\d{2})(?!\\d)", (m, r) -> wholeMonth(YearMonth.of(Integer.parseInt(m.group("year")), month(m.group("mon"))))),
            period("(?:(?<last>last|past|previous)|(?<next>next|coming))\\s+" + COUNT + "\\s+(?<unit>days?|weeks?|months?|years?)", (m, r) -> {
                int n = count(m.group("n"));
                String unit = m.group("unit").toLowerCase(Locale.ROOT);
                if (m.group("last") != null) {
                    return DatePeriod.absolute(unit.startsWith("month") ? r.minusMonths(n).withDayOfMonth(1) : minus(r, n, unit),
                            unit.startsWith("month") ? r.withDayOfMonth(1) : r);
                }
                return unit.startsWith("month") ? DatePeriod.absolute(r.plusMonths(1).withDayOfMonth(1), r.plusMonths(1 + n).withDayOfMonth(1))
                        : DatePeriod.absolute(r.plusDays(1), plus(r, n, unit));
            }),
            period("(?<which>this|current|last|previous|past|next)\\s+(?<unit>week|month|quarter|year)", (m, r) -> {
                String which = m.group("which").toLowerCase(Locale.ROOT);
                int step = switch (which) {
                    case "last", "previous", "past" -> -1;
                    case "next" -> 1;
                    default -> 0;
                };
                return switch (m.group("unit").toLowerCase(Locale.ROOT)) {
                    case "week" -> {
                        LocalDate monday = r.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(step);
                        yield DatePeriod.absolute(monday, monday.plusDays(6));
                    }
                    case "month" -> wholeMonth(YearMonth.from(r).plusMonths(step));
                    case "quarter" -> {
                        YearMonth first = YearMonth.of(r.getYear(), (r.getMonthValue() - 1) / 3 * 3 + 1).plusMonths(3L * step);
                        yield DatePeriod.absolute(first.atDay(1), first.plusMonths(2).atEndOfMonth());
                    }
                    default -> DatePeriod.absolute(LocalDate.of(r.getYear() + step, 1, 1), LocalDate.of(r.getYear() + step, 12, 31));
                };
            }),
            date("day\\s+after\\s+tomorrow", (m, r) -> r.plusDays(2)),
            date("day\\s+before\\s+yesterday", (m, r) -> r.minusDays(2)),
            date(COUNT + "\\s+(?<unit>days?|weeks?|months?|years?)\\s+ago", (m, r) -> m.group("n").matches("(?i)few|some")
                    ? "ambiguous" : minus(r, count(m.group("n")), m.group("unit").toLowerCase(Locale.ROOT))),
            date("in\\s+" + COUNT + "\\s+(?<unit>days?|weeks?)", (m, r) -> plus(r, count(m.group("n")), m.group("unit").toLowerCase(Locale.ROOT))),
            date("(?:(?<pre>last|this|next)\\s+)?(?:(?<lw>last\\s+week)\\s+)?" + WEEKDAY + "(?:\\s+(?<post>last\\s+week|in\\s+a\\s+week|next\\s+week))?", DateRecognizer::weekday),
            date(DAY + "(?:\\s+of)?\\s+" + MONTH + "(?:,?\\s+(?<year>(?:19|20)\\d{2}))?(?![a-z])", DateRecognizer::dayMonth),
            date(MONTH + "\\.?\\s+(?:the\\s+)?" + DAY + "(?:,?\\s+(?<year>(?:19|20)\\d{2}))?(?![a-z0-9])", DateRecognizer::dayMonth),
            date("(?<d>[12]?\\d|3[01])/(?<m>1[0-2]|0?[1-9])/(?<y>(?:19|20)?\\d{2})", (m, r) -> {
                int year = Integer.parseInt(m.group("y"));
                return LocalDate.of(year < 100 ? 2000 + year : year, Integer.parseInt(m.group("m")), Integer.parseInt(m.group("d")));
            }),
            date("today|tonight|this\\s+(?:morning|afternoon|evening)", (m, r) -> r),
            date("tomorrow", (m, r) -> r.plusDays(1)),
            date("yesterday|last\\s+night", (m, r) -> r.minusDays(1)),
            date("(?<day>[12]?\\d|3[01])(?:st|nd|rd|th)(?:\\s+this\\s+month)?", (m, r) -> ordinal(Integer.parseInt(m.group("day")), r)),
            period("lately|recently|for\\s+days", (m, r) -> DatePeriod.ambiguous()),
            period("summer", (m, r) -> DatePeriod.absolute(LocalDate.of(r.getYear(), 6, 21), LocalDate.of(r.getYear(), 9, 24))),
            period(COUNT + "\\s+(?<unit>days|weeks|years|year)(?!\\s+ago)", (m, r) -> m.group("n").matches("(?i)few|some")
                    ? DatePeriod.ambiguous() : DatePeriod.relative(count(m.group("n")) * switch (m.group("unit").toLowerCase(Locale.ROOT).charAt(0)) {
                        case 'w' -> 7;
                        case 'y' -> 365;
                        default -> 1;
                    })));
    /** A month alone is a date only where a range or a time frame names it: "from April", "until May". */
    private static final Pattern MONTH_ALONE = Pattern.compile("(?<prep>from|since|starting|until|till|to|through|in|during)\\s+"
            + "(?<name>January|February|March|April|May|June|July|August|September|October|November|December)(?![a-z])");
    private static final Pattern YEAR_ALONE = Pattern.compile("(?i)\\b(?:in|since|during|from|on)\\s+(?<year>(?:19|20)\\d{2})(?!\\d)");
    private static final Pattern FROM = Pattern.compile("(?i)\\b(?:from|since|starting(?:\\s+(?:on|from))?|between|beginning)\\s+(?:the\\s+)?$");
    /** Today, tomorrow, yesterday: NLU++ calls these dates whatever word comes before them. */
    private static final Pattern DEICTIC = Pattern.compile("(?i)today|tonight|tomorrow|yesterday|last\\s+night|this\\s+(?:morning|afternoon|evening)");
    /** What ends a range with no start given; a bare "to" or "and" needs a start before it. */
    private static final Pattern UNTIL = Pattern.compile("(?i)\\b(?:up\\s+to|until|till|through|no\\s+later\\s+than|ending(?:\\s+on)?)\\s+(?:the\\s+)?$");
    private static final Pattern TO = Pattern.compile("(?i)\\b(?:to|until|till|and|through|than|ending(?:\\s+on)?)\\s+(?:the\\s+)?$");

    private static Rule date(String regex, BiFunction<Matcher, LocalDate, Object> value) {
        return new Rule("date", Pattern.compile("(?i)(?<![\\w/])(?:" + regex + ")(?![\\w/])"), value);
    }

    private static Rule period(String regex, BiFunction<Matcher, LocalDate, Object> value) {
        return new Rule("date_period", Pattern.compile("(?i)(?<![\\w/])(?:" + regex + ")(?![\\w/])"), value);
    }

    /** The dates and periods in {@code text}, in text order. */
    public void find(String text, LocalDate reference, List<Slot> found) {
        List<Slot> candidates = new ArrayList<>();
        for (Rule rule : rules) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                try {
                    candidates.add(new Slot(rule.slot(), m.start(), m.end(), m.group(), rule.value().apply(m, reference)));
                } catch (DateTimeException e) {
                    // "31st of February": no such day
                }
            }
        }
        // The longest reading wins ("Saturday last week" over "last week"); among equals, the earlier rule.
        candidates.sort(Comparator.comparingInt((Slot s) -> s.end() - s.start()).reversed());
        List<Slot> dates = new ArrayList<>();
        candidates.forEach(candidate -> add(dates, candidate));
        Matcher month = MONTH_ALONE.matcher(text);
        while (month.find()) {
            YearMonth named = nextOrThis(Month.valueOf(month.group("name").toUpperCase(Locale.ROOT)), reference);
            boolean end = month.group("prep").matches("until|till|to|through");
            Object value = month.group("prep").matches("in|during") ? wholeMonth(named) : end ? named.atEndOfMonth() : named.atDay(1);
            add(dates, new Slot(value instanceof DatePeriod ? "date_period" : "date", month.start("name"), month.end("name"), month.group("name"), value));
        }
        Matcher year = YEAR_ALONE.matcher(text);
        while (year.find()) {
            add(dates, new Slot("date", year.start("year"), year.end("year"), year.group("year"), LocalDate.of(Integer.parseInt(year.group("year")), 1, 1)));
        }
        dates.sort(Comparator.comparingInt(Slot::start));
        for (int i = 0; i < dates.size(); i++) {
            Slot date = dates.get(i);
            String name = date.name();
            if (name.equals("date") && !DEICTIC.matcher(date.text()).matches()) {
                String before = text.substring(Math.max(0, date.start() - 25), date.start());
                if (FROM.matcher(before).find()) {
                    name = "date_from";
                } else if (TO.matcher(before).find() && (i > 0 || UNTIL.matcher(before).find())) {
                    name = "date_to";
                }
            }
            found.add(new Slot(name, date.start(), date.end(), date.text(), date.value()));
        }
    }

    private static void add(List<Slot> dates, Slot slot) {
        if (dates.stream().noneMatch(slot::overlaps)) {
            dates.add(slot);
        }
    }

    private static Object weekday(Matcher m, LocalDate r) {
        DayOfWeek day = DayOfWeek.valueOf(m.group("wd").toUpperCase(Locale.ROOT));
        String pre = m.group("pre") == null ? "" : m.group("pre").toLowerCase(Locale.ROOT);
        String post = m.group("post") == null ? "" : m.group("post").toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (m.group("lw") != null || post.equals("last week")) {
            return r.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
        }
        if (post.equals("in a week") || post.equals("next week") || pre.equals("next")) {
            return r.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
        }
        if (pre.equals("last")) {
            return r.with(TemporalAdjusters.previous(day));
        }
        if (pre.equals("this")) {
            return r.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(day));
        }
        return r.with(TemporalAdjusters.next(day));
    }

    private static Object dayMonth(Matcher m, LocalDate r) {
        Month month = month(m.group("mon"));
        int day = Integer.parseInt(m.group("day"));
        if (m.group("year") != null) {
            return LocalDate.of(Integer.parseInt(m.group("year")), month, day);
        }
        LocalDate thisYear = LocalDate.of(r.getYear(), month, day);
        return thisYear.isBefore(r) ? thisYear.plusYears(1) : thisYear;
    }

    /** The day of this month when it is still ahead (or today), else of next month. */
    private static LocalDate ordinal(int day, LocalDate r) {
        return day >= r.getDayOfMonth() ? r.withDayOfMonth(day) : r.plusMonths(1).withDayOfMonth(day);
    }

    private static YearMonth nextOrThis(Month month, LocalDate r) {
        YearMonth named = YearMonth.of(r.getYear(), month);
        return named.isBefore(YearMonth.from(r)) ? named.plusYears(1) : named;
    }

    private static DatePeriod wholeMonth(YearMonth month) {
        return DatePeriod.absolute(month.atDay(1), month.atEndOfMonth());
    }

    private static Month month(String name) {
        String prefix = name.toLowerCase(Locale.ROOT).substring(0, 3);
        for (Month month : Month.values()) {
            if (month.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT).equals(prefix)) {
                return month;
            }
        }
        throw new IllegalArgumentException("no month " + name);
    }

    private static int count(String n) {
        return switch (n.toLowerCase(Locale.ROOT)) {
            case "a", "an", "one" -> 1;
            case "two" -> 2;
            case "three", "few" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            case "eight" -> 8;
            case "nine" -> 9;
            case "ten" -> 10;
            default -> Integer.parseInt(n);
        };
    }

    private static LocalDate minus(LocalDate r, int n, String unit) {
        return plus(r, -n, unit);
    }

    private static LocalDate plus(LocalDate r, int n, String unit) {
        return switch (unit.charAt(0)) {
            case 'w' -> r.plusWeeks(n);
            case 'm' -> r.plusMonths(n);
            case 'y' -> r.plusYears(n);
            default -> r.plusDays(n);
        };
    }
}
