package io.agenthub.extract;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.agenthub.slm.IntentModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** All thirteen NLU++ banking slots from one text, and how well they are found on the folds here. */
class BankingSlotRecognizersTest {

    static final LocalDateTime REFERENCE = LocalDateTime.of(2022, 3, 15, 9, 0);
    static final Set<String> ALL = Set.of("date", "date_period", "date_from", "date_to", "time", "time_period", "time_from",
            "time_to", "amount_of_money", "company_name", "person_name", "shopping_category", "number");
    private static BankingSlotRecognizers slots;

    @BeforeAll
    static void load() throws IOException {
        slots = new BankingSlotRecognizers(WordLists.load(IntentModel.VersionFiles.in(Path.of("models/banking-slots/v1"))));
    }

    private List<String> found(String text) {
        return slots.extract(text, REFERENCE).stream().map(s -> s.name() + "=" + s.text()).toList();
    }

    @Test
    void peopleCompaniesAndCategories() {
        assertThat(found("can i transfer 700£ to guy kephart in 7 days"))
                .containsExactly("amount_of_money=700£", "person_name=guy kephart", "date=in 7 days");
        assertThat(found("how much did I spend at Waitrose on groceries last week"))
                .containsExactly("company_name=Waitrose", "shopping_category=groceries", "date_period=last week");
        assertThat(found("cancel the direct debit for scribbler")).containsExactly("company_name=scribbler");
        assertThat(found("My name is coppedge")).containsExactly("person_name=coppedge");
        assertThat(found("lilith sharaya danaher")).containsExactly("person_name=lilith sharaya danaher");
    }

    @Test
    void countsAndStretchesOfTime() {
        assertThat(found("Create 6 new standing orders")).containsExactly("number=6");
        assertThat(found("block my card, I haven't seen it for the last 3 hours")).containsExactly("time_period=last 3 hours");
        assertThat(found("I tried 4 times")).isEmpty();
        assertThat(found("send it in 8 hours")).containsExactly("time=in 8 hours");
    }

    /** Requests written after the rules, not taken from NLU++: a check that they are not fitted to its phrasing alone. */
    @Test
    void requestsTheRulesWereNotWrittenFrom() {
        assertThat(found("Please send 250 pounds to sarah connolly tomorrow morning"))
                .containsExactly("amount_of_money=250 pounds", "person_name=sarah connolly", "date=tomorrow");
        assertThat(found("transfer 1,500 euros to my brother tom keller next week"))
                .containsExactly("amount_of_money=1,500 euros", "person_name=tom keller", "date_period=next week");
        assertThat(found("set up a standing order of €75 to mike o'brien every month starting 1 April"))
                .containsExactly("amount_of_money=€75", "person_name=mike o'brien", "date_period=every month", "date_from=1 April");
        assertThat(found("I was charged $19.99 twice by Netflix on the 3rd"))
                .containsExactly("amount_of_money=$19.99", "company_name=Netflix", "date=3rd");
        assertThat(found("there's a £4.99 charge from Spotify I don't know"))
                .containsExactly("amount_of_money=£4.99", "company_name=Spotify");
        assertThat(found("cancel my direct debit with british gas")).containsExactly("company_name=british gas");
        assertThat(found("what did I spend on eating out between 1 Feb and 28 Feb"))
                .containsExactly("shopping_category=eating out", "date_from=1 Feb", "date_to=28 Feb");
        assertThat(found("block all payments for the next 48 hours")).containsExactly("time_period=next 48 hours");
    }

    /** Every slot of NLU++ banking's ten folds, counted as the target counts: slot name and text. */
    @Test
    void findsThemInNluPlusPlusBanking() throws IOException {
        List<LabelledTurn> turns = LabelledTurn.readNlupp(Path.of("datasets/nlupp/banking"), JsonMapper.builder().build());
        for (String group : List.of("person_name", "company_name", "shopping_category", "number", "time_period")) {
            System.out.println(group + ": " + SlotScore.of(turns, Set.of(group), t -> slots.extract(t, REFERENCE)));
        }
        SlotScore all = SlotScore.of(turns, ALL, t -> slots.extract(t, REFERENCE));
        System.out.println("all thirteen slots on NLU++ banking: " + all);
        assertThat(all.f1()).isGreaterThan(0.85);
    }
}
