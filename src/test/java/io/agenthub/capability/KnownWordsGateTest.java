package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tier's known-words gate ({@code knownWords}): a request written mostly in words the tier's models never saw in
 * training (another language, keyboard mash) or of pseudonymisation tokens alone gets no answer from it.
 */
class KnownWordsGateTest {

    private static final KnownWords SHIPPED = shipped();

    private static KnownWords shipped() {
        // the list processors/banking77-intent.yaml and clinc150-intent.yaml name
        try (FileInputStream in = new FileInputStream("models/pii-tagger/common-words.txt")) {
            return KnownWords.read(in, 0.5);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void otherLanguagesAreTurnedAwayAndEnglishIsNot() {
        assertThat(SHIPPED.rejection("Comment changer mon code PIN ?")).startsWith("known words ");
        assertThat(SHIPPED.rejection("Wie ändere ich meine PIN?")).startsWith("known words 1 of 5");
        assertThat(SHIPPED.rejection("¿Cómo cambio mi PIN?")).startsWith("known words ");
        assertThat(SHIPPED.rejection("How do I change my PIN?")).isNull();
        assertThat(SHIPPED.rejection("I'd lke my card reactivated, it was declined at Trattoria Da Nino")).isNull();
        // curly apostrophes are read as straight ones
        assertThat(SHIPPED.rejection("I can\u2019t find where my card\u2019s PIN is")).isNull();
    }

    @Test
    void tokensAreNotWordsAndTokensAloneAreTurnedAway() {
        assertThat(SHIPPED.rejection("please send it to <PERSON_1> at <STREET_ADDRESS_1>")).isNull();
        assertThat(SHIPPED.rejection("<PERSON_1> <PHONE_NUMBER_1>")).isEqualTo("known words none: the request is pseudonymisation tokens alone");
        // one word is not judged (a rare English word would be turned away), nor a text without words or tokens
        assertThat(SHIPPED.rejection("farewell")).isNull();
        assertThat(SHIPPED.rejection("hhhhhh")).isNull();
        assertThat(SHIPPED.rejection("40")).isNull();
        assertThat(SHIPPED.rejection("asdf qwerty zzz blorp")).startsWith("known words ");
    }

    @Test
    void theJudgeRejectsAConfidentAnswerToARequestOfUnknownWordsAsUnfamiliar() {
        LabelJudge judge = new LabelJudge(Set.of("change_pin"), 0.8, null, SHIPPED);
        TierAttempt french = judge.judge(Question.of("Comment changer mon code PIN ?"), FamiliarityGateTest.TIER,
                new LabelAnswer("change_pin", 0.99, null), 1.0);
        assertThat(french.accepted()).isFalse();
        assertThat(french.rejectedAsUnfamiliar()).isTrue();
        assertThat(french.label()).isEqualTo("change_pin");

        assertThat(judge.judge(Question.of("How do I change my PIN?"), FamiliarityGateTest.TIER,
                new LabelAnswer("change_pin", 0.99, null), 1.0).accepted()).isTrue();
    }

    @Test
    void theDeclarationTakesTheGateAndRefusesNonsense() throws Exception {
        CapabilityDeclaration declared = DeclarationReader.read("gated.yaml", yaml("""
                capability: gated-intent
                tiers:
                  - {name: frozen, kind: encoder-head, model: v1, threshold: 0.8, knownWords: {list: pii-tagger/common-words.txt, minShare: 0.5}}
                  - {name: people, kind: review-queue}
                """));
        assertThat(((TierDeclaration.EncoderHead) declared.tiers().get(0)).knownWords())
                .isEqualTo(new TierDeclaration.KnownWordsGate("pii-tagger/common-words.txt", 0.5));

        for (String bad : List.of("{list: pii-tagger/common-words.txt, minShare: 50}", "{list: ../secrets.txt, minShare: 0.5}",
                "{list: common-words.txt, minShare: 0.5}", "{minShare: 0.5}")) {
            assertThatThrownBy(() -> DeclarationReader.read("bad.yaml", yaml("""
                    capability: gated-intent
                    tiers:
                      - {name: frozen, kind: encoder-head, model: v1, threshold: 0.8, knownWords: %s}
                    """.formatted(bad)))).as(bad).hasMessageContaining("bad.yaml");
        }
        assertThatThrownBy(() -> KnownWords.read(new ByteArrayInputStream("# only a comment\n".getBytes(StandardCharsets.UTF_8)), 0.5))
                .hasMessageContaining("no words");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
