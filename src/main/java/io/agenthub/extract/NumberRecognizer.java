package io.agenthub.extract;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts ({@code number}): a whole number that no other recogniser took as money, a date or a time
 * ("create 6 new standing orders", "make it 3", "my last 9 transactions"). Run it last.
 */
public final class NumberRecognizer {

    private static final Pattern COUNT = Pattern.compile("(?i)(?<![\\w.,:/£$€-])\\d{1,4}(?![\\w.,:/%£$€-]|\\s?(?:[£$€]"
            + "|pounds?|quid|dollars?|euros?|weeks?|months?|years?|hours?|minutes?|times|am|pm|a\\.m|p\\.m|st|nd|rd|th)\\b)");

    /** The counts in {@code text}, added unless they overlap a slot already found. */
    public void find(String text, List<Slot> found) {
        Matcher m = COUNT.matcher(text);
        while (m.find()) {
            Slot slot = new Slot("number", m.start(), m.end(), m.group(), Integer.parseInt(m.group()));
            if (found.stream().noneMatch(slot::overlaps)) {
                found.add(slot);
            }
        }
    }
}
