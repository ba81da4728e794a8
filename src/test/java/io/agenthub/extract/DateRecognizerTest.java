package io.agenthub.extract;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Dates and periods resolved against the reference date as NLU++ annotates them, and their roles in ranges. */
class DateRecognizerTest {

    /** NLU++ resolves relative expressions against this day (a Tuesday). */
    private static final LocalDate REFERENCE = LocalDate.of(2022, 3, 15);
    private final DateRecognizer dates = new DateRecognizer();

    private List<String> found(String text) {
        List<Slot> found = new ArrayList<>();
        dates.find(text, REFERENCE, found);
        return found.stream().map(s -> s.name() + "=" + s.text() + "=" + s.value()).toList();
    }

    @Test
    void relativeDatesAndWeekdays() {
        assertThat(found("I paid it yesterday")).containsExactly("date=yesterday=2022-03-14");
        assertThat(found("it was 8 weeks ago")).containsExactly("date=8 weeks ago=2022-01-18");
        assertThat(found("the day after tomorrow")).containsExactly("date=day after tomorrow=2022-03-17");
        assertThat(found("on Tuesday")).containsExactly("date=Tuesday=2022-03-22");
        assertThat(found("last Thursday")).containsExactly("date=last Thursday=2022-03-10");
        assertThat(found("Saturday last week")).containsExactly("date=Saturday last week=2022-03-12");
        assertThat(found("Wednesday in a week")).containsExactly("date=Wednesday in a week=2022-03-23");
    }

    @Test
    void calendarDatesTakeTheirNextOccurrence() {
        assertThat(found("on 14 Jan")).containsExactly("date=14 Jan=2023-01-14");
        assertThat(found("on the 18th")).containsExactly("date=18th=2022-03-18");
        assertThat(found("on the 5th")).containsExactly("date=5th=2022-04-05");
        assertThat(found("since July the 20th 1992")).containsExactly("date_from=July the 20th 1992=1992-07-20");
        assertThat(found("on 9/3/2019")).containsExactly("date=9/3/2019=2019-03-09");
    }

    @Test
    void rangesAndPeriods() {
        assertThat(found("from the 3rd to the 10th")).containsExactly("date_from=3rd=2022-04-03", "date_to=10th=2022-04-10");
        assertThat(found("from April until May")).containsExactly("date_from=April=2022-04-01", "date_to=May=2022-05-31");
        assertThat(found("what did I spend last month")).containsExactly(
                "date_period=last month=DatePeriod[type=absolute, from=2022-02-01, to=2022-02-28, days=null]");
        assertThat(found("on the 4th of each month")).containsExactly("date_period=4th of each month=DatePeriod[type=periodic, from=null, to=null, days=null]");
    }

    /** NLU++ banking's labelled dates and periods (ten folds), counted as the target counts: slot name and text. */
    @Test
    void findsThemInNluPlusPlusBanking() throws IOException {
        SlotScore score = SlotScore.of(LabelledTurn.readNlupp(Path.of("datasets/nlupp/banking"), JsonMapper.builder().build()),
                Set.of("date", "date_from", "date_to", "date_period"), text -> {
                    List<Slot> found = new ArrayList<>();
                    dates.find(text, REFERENCE, found);
                    return found;
                });
        System.out.println("date, date_from, date_to, date_period on NLU++ banking: " + score);
        assertThat(score.f1()).isGreaterThan(0.9);
    }
}
