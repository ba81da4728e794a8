package io.agenthub.extract;

/** A time of day, 24-hour: the canonical value of the {@code time}, {@code time_from} and {@code time_to} slots. */
public record ClockTime(int hour, int minute) {

    public ClockTime {
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            throw new IllegalArgumentException("no time " + hour + ":" + minute);
        }
    }
}
