package io.agenthub.extract;

import java.time.LocalDate;

/**
 * The canonical value of a {@code date_period} slot, as NLU++ gives it: {@code absolute} with first and
 * last day ("last month"), {@code relative} with a length in days ("two weeks", "monthly"),
 * {@code periodic} ("the 4th of each month") or {@code ambiguous} ("lately").
 */
public record DatePeriod(String type, LocalDate from, LocalDate to, Integer days) {

    static DatePeriod absolute(LocalDate from, LocalDate to) {
        return new DatePeriod("absolute", from, to, null);
    }

    static DatePeriod relative(int days) {
        return new DatePeriod("relative", null, null, days);
    }

    static DatePeriod periodic() {
        return new DatePeriod("periodic", null, null, null);
    }

    static DatePeriod ambiguous() {
        return new DatePeriod("ambiguous", null, null, null);
    }
}
