package io.agenthub.extract;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The values of the tagger's spans, read by the recognisers' normalisers against the reference time. */
class SlotValuesTest {

    private static final LocalDateTime REFERENCE = LocalDateTime.of(2022, 3, 15, 9, 0);
    private final SlotValues values = new SlotValues();

    private Optional<Slot> resolve(String text, String name, String words) {
        int start = text.indexOf(words);
        return values.resolve(new TaggedSpan(name, start, start + words.length(), 0.9), text, REFERENCE, List.of());
    }

    @Test
    void amountsWithTheirCurrencyOrAmbiguous() {
        assertThat(resolve("send £27.50 to tom", "amount_of_money", "£27.50")).get().extracting(Slot::value)
                .isEqualTo(new Money(new BigDecimal("27.50"), "GBP"));
        assertThat(resolve("is my limit 400 now", "amount_of_money", "400")).get().extracting(Slot::value)
                .isEqualTo(new Money(new BigDecimal("400"), Money.AMBIGUOUS));
        assertThat(resolve("a lot of money", "amount_of_money", "a lot")).isEmpty();
    }

    @Test
    void datesAndPeriodsAgainstTheReferenceTime() {
        assertThat(resolve("what did I pay yesterday", "date", "yesterday")).get().extracting(Slot::value)
                .isEqualTo(LocalDate.of(2022, 3, 14));
        assertThat(resolve("payments next week please", "date_period", "next week")).get().extracting(Slot::value)
                .isEqualTo(new DatePeriod("absolute", LocalDate.of(2022, 3, 21), LocalDate.of(2022, 3, 27), null));
        // the schema has "ambiguous" for a date and a period, so a span read as one keeps its place
        assertThat(resolve("the other day", "date", "the other day")).get().extracting(Slot::value).isEqualTo("ambiguous");
        assertThat(resolve("for ages", "date_period", "ages")).get().extracting(Slot::value)
                .isEqualTo(new DatePeriod("ambiguous", null, null, null));
    }

    @Test
    void timesOfDayOrNothing() {
        assertThat(resolve("call me at 3 pm", "time", "3 pm")).get().extracting(Slot::value).isEqualTo(new ClockTime(15, 0));
        assertThat(resolve("any time from noon", "time_from", "noon")).get().extracting(Slot::value).isEqualTo(new ClockTime(12, 0));
        assertThat(resolve("after lunch", "time", "lunch")).isEmpty();  // no clock time, and the schema has no ambiguous one
        assertThat(resolve("blocked for 2 hours", "time_period", "2 hours")).get().extracting(Slot::value)
                .isEqualTo(new TimePeriod("relative", 120));
    }

    @Test
    void countsAndNames() {
        assertThat(resolve("make it three", "number", "three")).get().extracting(Slot::value).isEqualTo(3);
        assertThat(resolve("create 6 new standing orders", "number", "6")).get().extracting(Slot::value).isEqualTo(6);
        assertThat(resolve("pay  guy   kephart now", "person_name", "guy   kephart")).get().extracting(Slot::value).isEqualTo("guy kephart");
    }

    @Test
    void theRecognisersReadingOfTheWholeTextComesFirst() {
        String text = "from 3 to 5";
        Slot rule = new Slot("time_from", 5, 6, "3", new ClockTime(15, 0));
        assertThat(values.resolve(new TaggedSpan("time_from", 5, 6, 0.9), text, REFERENCE, List.of(rule))).get()
                .extracting(Slot::value).isEqualTo(new ClockTime(15, 0));
    }
}
