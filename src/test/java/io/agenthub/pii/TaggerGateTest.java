package io.agenthub.pii;

import io.agenthub.api.PiiType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate in front of the tagger: which passages of a request it lets through, and where spans land. */
class TaggerGateTest {

    private final TaggerGate gate = new TaggerGate(Set.of("my", "card", "was", "declined", "please", "help", "call", "me", "on",
            "this", "is", "here", "the", "lives", "at", "hi"));

    private List<String> passages(String text) {
        return gate.passages(text).stream().map(p -> text.substring(p[0], p[1])).toList();
    }

    @Test
    void onlyTheSentencesThatCouldHoldANameAreLetThrough() {
        assertThat(passages("My card was declined. Please help.")).isEmpty();
        assertThat(passages("My card was declined. This is Priya Raman. Please help."))
                .containsExactly("This is Priya Raman. ");
        assertThat(passages("Hi, Priya Raman here. My card was declined. Call me on 5551234"))
                .containsExactly("Hi, Priya Raman here. ", "Call me on 5551234");
    }

    @Test
    void initialsTitlesAndLinesDoNotEndASentence() {
        assertThat(passages("My card was declined. Mr. J. Smith lives at\n221B Baker St. Please help."))
                .containsExactly("Mr. J. Smith lives at\n221B Baker St. Please help.");
    }

    @Test
    void aGuardedRecogniserSeesOnlyItsPassagesAndItsSpansLandInTheWholeText() {
        List<String> seen = new ArrayList<>();
        Recognizer names = Recognizer.named("names", (text, found) -> {
            seen.add(text);
            int at = text.indexOf("Priya");
            if (at >= 0) {
                found.add(new PiiSpan(PiiType.PERSON, at, at + "Priya Raman".length(), 0.9, "names"));
            }
        });
        String text = "My card was declined. This is Priya Raman. Please help.";
        List<PiiSpan> found = new ArrayList<>();

        gate.guard(names).find(text, found);

        assertThat(seen).containsExactly("This is Priya Raman. ");
        assertThat(found).singleElement().satisfies(span -> assertThat(text.substring(span.start(), span.end())).isEqualTo("Priya Raman"));
    }

    @Test
    void whatEarlierRecognisersFoundDoesNotOpenTheGate() {
        String text = "My card was declined. Call me on 4111 1111 1111 1111.";
        List<PiiSpan> found = new ArrayList<>(List.of(new PiiSpan(PiiType.CREDIT_CARD, 33, 52, 0.9, "credit-card")));
        List<String> seen = new ArrayList<>();

        gate.guard(Recognizer.named("spy", (t, f) -> seen.add(t))).find(text, found);

        assertThat(seen).isEmpty();
    }
}
