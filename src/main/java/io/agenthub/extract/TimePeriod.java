package io.agenthub.extract;

/**
 * The canonical value of a {@code time_period} slot: {@code relative} with a length in minutes ("the last 3
 * hours", "next hour and a half") or {@code ambiguous} ("it's been hours").
 */
public record TimePeriod(String type, Integer minutes) {

    static TimePeriod relative(int minutes) {
        return new TimePeriod("relative", minutes);
    }

    static TimePeriod ambiguous() {
        return new TimePeriod("ambiguous", null);
    }
}
