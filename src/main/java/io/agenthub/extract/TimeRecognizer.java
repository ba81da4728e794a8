package io.agenthub.extract;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times of day ({@code time}, {@code time_from}, {@code time_to}) as customers write them: "12:45 p.m.",
 * "9 05 in the morning", "25 to 7 p.m.", "half past 17", "10 o'clock", "15 minutes ago", "in 8 hours", and a
 * bare hour after "at", "after", "before" ("anytime after 10", not "at 3 shops"). Relative times resolve against the
 * request's reference time. A pair "between X and Y" or "from X to Y" is a range: X is {@code time_from},
 * Y {@code time_to}; "from X" alone starts one, "until X" or "ending at X" ends one.
 */
public final class TimeRecognizer {

    private static final String PART = "(?:\\s+(?<part>a\\.?m\\.?|p\\.?m\\.?|o'clock|(?:in\\s+the\\s+)?(?:morning|afternoon|evening)|(?:at\\s+)?night))?";
    private static final Pattern CLOCK = Pattern.compile("(?i)(?<![\\w.,:$£€])(?:"
            + "(?<h1>[01]?\\d|2[0-3])(?::|\\s)(?<m1>[0-5]\\d)"
            + "|(?<rel>half|quarter|[1-5]?\\d)\\s+(?<dir>past|to)\\s+(?<h2>[01]?\\d|2[0-3])"
            + "|(?<h3>[01]?\\d|2[0-3])(?=\\s+(?:a\\.?m|p\\.?m|o'clock|in\\s+the\\s+(?:morning|afternoon|evening)|morning|afternoon|evening|night)\\b)"
            + ")" + PART + "(?![\\w$£€%])(?!\\.\\d)");
    private static final Pattern RELATIVE = Pattern.compile("(?i)\\b(?:(?<ago>\\d+)\\s+(?<u1>minutes?|hours?)\\s+ago|in\\s+(?<in>\\d+)\\s+(?<u2>minutes?|hours?))\\b");
    /** A bare hour after these words is a time: "at 4", "anytime after 10", "later than 9". */
    private static final Pattern BARE_HOUR = Pattern.compile("(?i)\\b(?:at|after|before|later\\s+than|earlier\\s+than|until|till)\\s+(?<h>[01]?\\d|2[0-3])"
            + "(?![\\w:$£€%/-]|[.,]\\d|\\s*[£$€])(?!\\s+(?!(?:ok|okay|then|today|tomorrow|tonight|please|is|will|would|works?|on|and|or)\\b)[a-z])");
    /** Stretches of hours or minutes ("the last 3 hours", "for 11 hours", "next hour and a half"), not "3 hours ago". */
    private static final Pattern PERIOD = Pattern.compile("(?i)\\b(?:(?:last|past|next)\\s+)?(?:(?<n>\\d+|an?|few|couple\\s+of)\\s+)?"
            + "(?<unit>hours?|minutes?)(?<half>\\s+and\\s+a\\s+half)?\\b(?!\\s+ago)");
    private static final Pattern FROM = Pattern.compile("(?i)\\b(?:from|between|starting(?:\\s+at)?)\\s*$");
    private static final Pattern TO = Pattern.compile("(?i)\\b(?:to|and|until|till|ending(?:\\s+at)?|up\\s+to)\\s*$");

    /** The times in {@code text}, in text order, relative ones resolved against {@code reference}. */
    public void find(String text, LocalDateTime reference, List<Slot> found) {
        List<Slot> times = new ArrayList<>();
        Matcher clock = CLOCK.matcher(text);
        while (clock.find()) {
            ClockTime time = clockTime(clock);
            if (time != null) {
                times.add(new Slot("time", clock.start(), clock.end(), clock.group(), time));
            }
        }
        Matcher relative = RELATIVE.matcher(text);
        while (relative.find()) {
            boolean ago = relative.group("ago") != null;
            long n = Long.parseLong(ago ? relative.group("ago") : relative.group("in"));
            String unit = ago ? relative.group("u1") : relative.group("u2");
            long minutes = unit.toLowerCase(Locale.ROOT).startsWith("hour") ? n * 60 : n;
            LocalTime at = (ago ? reference.minusMinutes(minutes) : reference.plusMinutes(minutes)).toLocalTime();
            add(times, new Slot("time", relative.start(), relative.end(), relative.group(), new ClockTime(at.getHour(), at.getMinute())));
        }
        Matcher bare = BARE_HOUR.matcher(text);
        while (bare.find()) {
            int hour = Integer.parseInt(bare.group("h"));
            add(times, new Slot("time", bare.start("h"), bare.end("h"), bare.group("h"), new ClockTime(hour, 0)));
        }
        times.sort(Comparator.comparingInt(Slot::start));
        for (int i = 0; i < times.size(); i++) {
            Slot time = times.get(i);
            String before = text.substring(Math.max(0, time.start() - 25), time.start());
            String name = "time";
            if (FROM.matcher(before).find()) {
                name = "time_from";
            } else if (TO.matcher(before).find() && (i > 0 || before.toLowerCase(Locale.ROOT).matches(".*\\b(?:until|till|ending(?:\\s+at)?)\\s*$"))) {
                name = "time_to";
            }
            found.add(new Slot(name, time.start(), time.end(), time.text(), time.value()));
        }
        periods(text, found);
    }

    /** {@code time_period}s, added unless they overlap a time already found ("in 8 hours" is a time). */
    private static void periods(String text, List<Slot> found) {
        Matcher period = PERIOD.matcher(text);
        while (period.find()) {
            String n = period.group("n") == null ? null : period.group("n").toLowerCase(Locale.ROOT);
            boolean stretch = n != null || !period.group().toLowerCase(Locale.ROOT).matches("hours|minutes");
            int count = n == null || n.equals("a") || n.equals("an") ? 1 : n.startsWith("couple") ? 2 : n.equals("few") ? 3 : Integer.parseInt(n);
            int minutes = count * (period.group("unit").toLowerCase(Locale.ROOT).startsWith("hour") ? 60 : 1);
            if (period.group("half") != null) {
                minutes += period.group("unit").toLowerCase(Locale.ROOT).startsWith("hour") ? 30 : 0;
            }
            add(found, new Slot("time_period", period.start(), period.end(), period.group(),
                    stretch ? TimePeriod.relative(minutes) : TimePeriod.ambiguous()));
        }
    }

    private static void add(List<Slot> times, Slot slot) {
        if (times.stream().noneMatch(slot::overlaps)) {
            times.add(slot);
        }
    }

    private static ClockTime clockTime(Matcher m) {
        int hour;
        int minute;
        if (m.group("h1") != null) {
            hour = Integer.parseInt(m.group("h1"));
            minute = Integer.parseInt(m.group("m1"));
        } else if (m.group("h2") != null) {
            hour = Integer.parseInt(m.group("h2"));
            String rel = m.group("rel").toLowerCase(Locale.ROOT);
            int by = rel.equals("half") ? 30 : rel.equals("quarter") ? 15 : Integer.parseInt(rel);
            if (by >= 60 || (rel.equals("half") && m.group("dir").equalsIgnoreCase("to"))) {
                return null;
            }
            if (m.group("dir").equalsIgnoreCase("past")) {
                minute = by;
            } else {
                hour = (hour + 23) % 24;
                minute = 60 - by;
                if (minute == 60) {
                    hour = (hour + 1) % 24;
                    minute = 0;
                }
            }
        } else {
            hour = Integer.parseInt(m.group("h3"));
            minute = 0;
        }
        return new ClockTime(inPartOfDay(hour, m.group("part")), minute);
    }

    /** The hour read with "p.m.", "afternoon", "evening" or "night" (after six; "3 night" is 3:00); "12 a.m." is 0. */
    private static int inPartOfDay(int hour, String part) {
        if (part == null) {
            return hour;
        }
        String p = part.toLowerCase(Locale.ROOT);
        if (hour == 12 && p.startsWith("a")) {
            return 0;
        }
        boolean later = p.startsWith("p") || p.contains("afternoon") || p.contains("evening") || (p.contains("night") && hour >= 6);
        return later && hour < 12 ? hour + 12 : hour;
    }
}
