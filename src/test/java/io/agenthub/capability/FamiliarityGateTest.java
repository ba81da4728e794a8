package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A tier's familiarity gate ({@code minFamiliarity}): a confident label for a request unlike the tier's training
 * examples (gibberish, another language, tokens alone) is not an answer, and the request moves on.
 */
class FamiliarityGateTest {

    private static final Set<String> LABELS = Set.of("card_arrival", "lost_or_stolen_card");

    static final Tier<Question, LabelAnswer, TierAttempt> TIER = new Tier<>() {
        private final TierDeclaration declaration =
                new TierDeclaration.EncoderHead("frozen", "v1", null, null, 0.8, null, null, 0.7, true);

        @Override
        public TierDeclaration declaration() {
            return declaration;
        }

        @Override
        public String model() {
            return "test@v1";
        }

        @Override
        public String digest() {
            return "sha256:test";
        }

        @Override
        public LabelAnswer answer(Question question, List<TierAttempt> earlier) {
            throw new UnsupportedOperationException("judged directly");
        }

        @Override
        public String failure(Exception e) {
            return e.getMessage();
        }
    };

    private final LabelJudge gated = new LabelJudge(LABELS, 0.8, 0.7);

    @Test
    void aConfidentAnswerToAnUnfamiliarRequestIsRejectedWhateverItsConfidence() {
        TierAttempt attempt = gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.99, null, 0.41), 1.0);

        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.rejection()).isEqualTo("familiarity 0.410 below minimum 0.700");
        assertThat(attempt.rejectedAsUnfamiliar()).isTrue();
        assertThat(attempt.label()).isEqualTo("card_arrival");
    }

    @Test
    void aFamiliarRequestIsJudgedByItsConfidenceAsBefore() {
        assertThat(gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.95, null, 0.83), 1.0).accepted()).isTrue();
        assertThat(gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.85, null, 0.70), 1.0).accepted()).isTrue();

        TierAttempt unsure = gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.60, null, 0.90), 1.0);
        assertThat(unsure.accepted()).isFalse();
        assertThat(unsure.rejectedAsUnfamiliar()).isFalse();
        assertThat(unsure.rejection()).startsWith("confidence 0.600 below threshold 0.800");
    }

    @Test
    void aGatedTierThatCannotTellItsFamiliarityDoesNotAnswer() {
        TierAttempt attempt = gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.99, null, Double.NaN), 1.0);
        assertThat(attempt.accepted()).isFalse();
        assertThat(attempt.rejectedAsUnfamiliar()).isTrue();

        assertThat(gated.judge(null, TIER, new LabelAnswer("card_arrival", 0.99, null), 1.0).accepted()).isFalse();
    }

    @Test
    void withoutAGateFamiliarityIsIgnored() {
        LabelJudge ungated = new LabelJudge(LABELS, 0.8);
        assertThat(ungated.judge(null, TIER, new LabelAnswer("card_arrival", 0.99, null, 0.1), 1.0).accepted()).isTrue();
    }

    @Test
    void theDeclarationTakesMinFamiliarityAndRefusesANonsenseValue() throws Exception {
        CapabilityDeclaration declared = DeclarationReader.read("gated.yaml", yaml("""
                capability: gated-intent
                tiers:
                  - {name: frozen, kind: encoder-head, models: [v1, v2], weights: [1, 0], threshold: 0.8, minFamiliarity: 0.72}
                  - {name: people, kind: review-queue}
                """));
        assertThat(((TierDeclaration.EncoderHead) declared.tiers().get(0)).minFamiliarity()).isEqualTo(0.72);

        assertThatThrownBy(() -> DeclarationReader.read("bad.yaml", yaml("""
                capability: gated-intent
                tiers:
                  - {name: frozen, kind: encoder-head, model: v1, threshold: 0.8, minFamiliarity: 72}
                  - {name: people, kind: review-queue}
                """))).hasMessageContaining("minFamiliarity").hasMessageContaining("bad.yaml");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
