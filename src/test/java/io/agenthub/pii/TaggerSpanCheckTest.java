package io.agenthub.pii;

import io.agenthub.api.PiiType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tagger's spans judged on their words: the reported failures (gibberish, a French request, an amount) are no
 * names or addresses, while real ones in chat's lower case stay. The spans here stand for what the tagger returned.
 */
class TaggerSpanCheckTest {

    private static final Set<String> COMMON = Set.of("my", "is", "the", "i", "to", "and", "can", "transfer", "today",
            "pounds", "estimate", "repair", "in", "kitchen", "a", "pipe", "burst", "please", "send", "new", "card", "policy",
            "john", "name", "hi", "cant", "log");
    private final TaggerSpanCheck check = new TaggerSpanCheck(COMMON::contains);

    private List<String> kept(String text, PiiType type, String... values) {
        List<PiiSpan> spans = new java.util.ArrayList<>();
        for (String value : values) {
            int at = text.indexOf(value);
            spans.add(new PiiSpan(type, at, at + value.length(), 0.8, "entity-tagger"));
        }
        return check.check(text, spans, List.of(), check.english(text)).stream()
                .map(span -> text.substring(span.start(), span.end())).toList();
    }

    @Test
    void gibberishAndAmountsAreNoAddresses() {
        assertThat(kept("asdf qwerty zzz blorp 12345", PiiType.STREET_ADDRESS, "blorp 12345")).isEmpty();
        assertThat(kept("The repair estimate is GBP 3,150.", PiiType.STREET_ADDRESS, "GBP 3,150.")).isEmpty();
        assertThat(kept("Bitte erhöhen Sie mein Tageslimit auf 2000 Euro", PiiType.STREET_ADDRESS, "Tageslimit auf 2000")).isEmpty();
        assertThat(kept("The repair estimate is GBP 3,150.", PiiType.STREET_ADDRESS, "The repair estimate")).isEmpty();
    }

    @Test
    void aFrenchRequestHasNoNameAndNoAddress() {
        String text = "J'ai perdu ma carte bancaire dans le métro";
        assertThat(check.english(text)).isFalse();
        assertThat(kept(text, PiiType.PERSON, "J'ai perdu")).isEmpty();
        assertThat(kept(text, PiiType.STREET_ADDRESS, "ma carte bancaire dans le")).isEmpty();
    }

    @Test
    void realAddressesAndLowerCaseNamesStay() {
        assertThat(kept("please send the new card to 221B Baker Street, London NW1 6XE", PiiType.STREET_ADDRESS,
                "221B Baker Street, London NW1 6XE")).containsExactly("221B Baker Street, London NW1 6XE");
        assertThat(kept("please send the new card to 12 mill lane, leeds ls6 2ab", PiiType.STREET_ADDRESS,
                "12 mill lane, leeds ls6 2ab")).containsExactly("12 mill lane, leeds ls6 2ab");
        assertThat(kept("Hauptstraße 12, 10115 Berlin", PiiType.STREET_ADDRESS, "Hauptstraße 12, 10115 Berlin")).hasSize(1);
        assertThat(kept("can i transfer 700 pounds to guy kephart today", PiiType.PERSON, "guy kephart"))
                .containsExactly("guy kephart");
    }

    @Test
    void aNameLosesCommonWordsAtItsEdgesAndAFormsLabelIsNone() {
        assertThat(kept("hi my name is guy kephart", PiiType.PERSON, "is guy kephart")).containsExactly("guy kephart");
        assertThat(kept("Claim notice\nPolicy holder: John Smith", PiiType.PERSON, "Policy")).isEmpty();
        assertThat(kept("Claim notice\nPolicy holder: John Smith", PiiType.PERSON, "John Smith")).containsExactly("John Smith");
    }

    @Test
    void aFramedNameCutsTheTaggersAddressAroundIt() {
        String text = "je m'appelle Kofi Boateng, ma nouvelle adresse est 12 rue de Rivoli, 75001 Paris.";
        int name = text.indexOf("Kofi Boateng");
        List<PiiSpan> earlier = List.of(new PiiSpan(PiiType.PERSON, name, name + 12, 0.7, FramedNameRecognizer.NAME));
        int from = text.indexOf("m'appelle");
        List<PiiSpan> kept = check.check(text, List.of(new PiiSpan(PiiType.STREET_ADDRESS, from, text.length() - 1, 0.8,
                "entity-tagger")), earlier, false);

        assertThat(kept).extracting(span -> text.substring(span.start(), span.end())).containsExactly("12 rue de Rivoli, 75001 Paris");
    }
}
