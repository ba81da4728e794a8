package io.agenthub.extract;

import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Times of day: clock readings, "past" and "to", parts of the day, relative times, and ranges. */
class TimeRecognizerTest {

    /** NLU++ resolves relative expressions against this moment. */
    private static final LocalDateTime REFERENCE = LocalDateTime.of(2022, 3, 15, 9, 0);
    private final TimeRecognizer times = new TimeRecognizer();

    private List<String> found(String text) {
        List<Slot> found = new ArrayList<>();
        times.find(text, REFERENCE, found);
        return found.stream().map(s -> s.name() + "=" + s.text() + "=" + s.value()).toList();
    }

    @Test
    void clockReadingsAndPartsOfTheDay() {
        assertThat(found("cancel the one at 2:35 p.m. on Dec 8th")).containsExactly("time=2:35 p.m.=ClockTime[hour=14, minute=35]");
        assertThat(found("getting that refund before 12:30 a.m. today")).containsExactly("time=12:30 a.m.=ClockTime[hour=0, minute=30]");
        assertThat(found("at 4 15 in the morning")).containsExactly("time=4 15 in the morning=ClockTime[hour=4, minute=15]");
        assertThat(found("at 10 05 night")).containsExactly("time=10 05 night=ClockTime[hour=22, minute=5]");
        assertThat(found("at 3 night")).containsExactly("time=3 night=ClockTime[hour=3, minute=0]");
        assertThat(found("maybe 10 o'clock?")).containsExactly("time=10 o'clock=ClockTime[hour=10, minute=0]");
    }

    @Test
    void pastAndToCountFromTheHour() {
        assertThat(found("Ok 20 to 2 will do")).containsExactly("time=20 to 2=ClockTime[hour=1, minute=40]");
        assertThat(found("25 to 11 morning then")).containsExactly("time=25 to 11 morning=ClockTime[hour=10, minute=35]");
        assertThat(found("after half past 3 night")).containsExactly("time=half past 3 night=ClockTime[hour=3, minute=30]");
        assertThat(found("at 20 past 4 afternoon")).containsExactly("time=20 past 4 afternoon=ClockTime[hour=16, minute=20]");
    }

    @Test
    void relativeTimesResolveAgainstTheReferenceAndBareHoursNeedTheirWord() {
        assertThat(found("what we discussed 15 minutes ago")).containsExactly("time=15 minutes ago=ClockTime[hour=8, minute=45]");
        assertThat(found("resend it in 8 hours")).containsExactly("time=in 8 hours=ClockTime[hour=17, minute=0]");
        assertThat(found("anytime after 10")).containsExactly("time=10=ClockTime[hour=10, minute=0]");
        assertThat(found("No, anytime before 4.")).containsExactly("time=4=ClockTime[hour=4, minute=0]");
        assertThat(found("transfer 670€ in 4 days")).isEmpty();
        assertThat(found("I paid 56.79 pounds at 3 shops")).isEmpty();
    }

    @Test
    void rangesHaveAStartAndAnEnd() {
        assertThat(found("between 9 05 in the morning and 25 to 7 p.m. any day")).containsExactly(
                "time_from=9 05 in the morning=ClockTime[hour=9, minute=5]", "time_to=25 to 7 p.m.=ClockTime[hour=18, minute=35]");
        assertThat(found("could we move it from 12 20 p.m. to 21:25?")).containsExactly(
                "time_from=12 20 p.m.=ClockTime[hour=12, minute=20]", "time_to=21:25=ClockTime[hour=21, minute=25]");
        assertThat(found("ending at 22:35 night")).containsExactly("time_to=22:35 night=ClockTime[hour=22, minute=35]");
    }

    /** NLU++ banking's labelled times (ten folds), counted as the target counts: slot name and text. */
    @Test
    void findsThemInNluPlusPlusBanking() throws IOException {
        SlotScore score = SlotScore.of(LabelledTurn.readNlupp(Path.of("datasets/nlupp/banking"), JsonMapper.builder().build()),
                Set.of("time", "time_from", "time_to"), text -> {
                    List<Slot> found = new ArrayList<>();
                    times.find(text, REFERENCE, found);
                    return found;
                });
        System.out.println("time, time_from, time_to on NLU++ banking: " + score);
        assertThat(score.f1()).isGreaterThan(0.9);
    }
}
