package io.agenthub.extract;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Dates of things that have happened. The recognisers read a date without a year forward, as a banking request
 * about a payment to come means it ("on 14 November" in March is next November); a loss, or a payment a customer
 * disputes, lies in the past, so such a date moves back to its last occurrence before the reference date.
 */
public final class PastDates {

    private static final Pattern YEAR = Pattern.compile("(?:19|20)\\d{2}");
    private static final Pattern WEEKDAY = Pattern.compile("(?i)monday|tuesday|wednesday|thursday|friday|saturday|sunday");
    private static final Pattern MONTH = Pattern.compile("(?i)\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)");

    private PastDates() {
    }

    /** {@code date} as read from {@code text}, moved back before {@code reference} when the text names no year. */
    public static LocalDate before(LocalDate date, String text, LocalDate reference) {
        if (!date.isAfter(reference) || YEAR.matcher(text).find()) {
            return date;
        }
        if (WEEKDAY.matcher(text).find()) {
            return date.minusWeeks(1);
        }
        return MONTH.matcher(text).find() ? date.minusYears(1) : date.minusMonths(1);
    }
}
