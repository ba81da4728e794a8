package io.agenthub.pii;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Names where the words before them say a name follows, in any case and in the tenants' customers' languages. */
class FramedNameRecognizerTest {

    private static List<String> names(String text) {
        List<PiiSpan> found = new ArrayList<>();
        new FramedNameRecognizer().find(text, found);
        return found.stream().map(span -> text.substring(span.start(), span.end())).toList();
    }

    @Test
    void aNameAfterItsFrameEndsWhereTheSentenceGoesOn() {
        assertThat(names("hi my name is guy kephart and i cant log in")).containsExactly("guy kephart");
        assertThat(names("Claim notice\nPolicy holder: John Smith\nA pipe burst.")).containsExactly("John Smith");
        assertThat(names("Dear team, my mother Mrs Raghunathan lost her purse")).containsExactly("Raghunathan");
        assertThat(names("Bonjour, je m'appelle Amélie Laurent, ma nouvelle adresse")).containsExactly("Amélie Laurent");
        assertThat(names("the account is in the name of pieter de vries")).containsExactly("pieter de vries");
        assertThat(names("I'm Jaroslava P. Sedláčková, originally from Brno")).containsExactly("Jaroslava P. Sedláčková");
    }

    @Test
    void framesThatIntroduceOtherThingsAsOftenNeedTwoCapitalisedWords() {
        assertThat(names("Hallo, hier ist Guy Kephart.")).containsExactly("Guy Kephart");
        assertThat(names("Ich bin Kunde seit 2019")).isEmpty();
        assertThat(names("ik ben mijn bankpas kwijt")).isEmpty();
        assertThat(names("my name is not showing on the card")).isEmpty();
    }

    @Test
    void dAfterAStreetIsItsDriveNotADoctor() {
        assertThat(names("sent to 1737 Cheriton Dr Reuquén Extensions")).isEmpty();
        assertThat(names("Dr Choi from the clinic was paid twice")).containsExactly("Choi");
    }
}
