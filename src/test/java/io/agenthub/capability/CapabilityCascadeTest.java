package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityCascadeTest {

    /** A tier that always gives the same answer and remembers what it was shown. */
    private static final class FixedTier implements Tier {
        private final TierDeclaration declaration;
        private final String label;
        private final Double confidence;
        final List<List<TierAttempt>> seen = new ArrayList<>();

        FixedTier(String name, TierKind kind, double threshold, String label, Double confidence) {
            this.declaration = new TierDeclaration(name, kind, kind == TierKind.ENCODER_HEAD ? "v1" : null, null, null, threshold, null, null,
                    true, null, null, null);
            this.label = label;
            this.confidence = confidence;
        }

        @Override
        public TierDeclaration declaration() {
            return declaration;
        }

        @Override
        public TierAttempt attempt(Question question, List<TierAttempt> earlier) {
            seen.add(earlier);
            return new TierAttempt(declaration.name(), declaration.kind(), "model-" + declaration.name(), "sha256:test", label,
                    confidence, 1.0, false, null, null);
        }
    }

    private static final TierDeclaration PEOPLE = new TierDeclaration("people", TierKind.REVIEW_QUEUE, null, null, null, null, null, null, null, null, null, null);

    private static CapabilityCascade cascade(Tier... tiers) {
        List<Tier> all = new ArrayList<>(List.of(tiers));
        all.add(new ReviewQueueTier(PEOPLE));
        return new CapabilityCascade("test-intent", all, Set.of("lost_or_stolen_card", "card_arrival"));
    }

    @Test
    void theCheapestConfidentTierAnswersAndLaterTiersAreNotAsked() {
        FixedTier small = new FixedTier("small", TierKind.ENCODER_HEAD, 0.8, "card_arrival", 0.93);
        FixedTier large = new FixedTier("large", TierKind.ENCODER_HEAD, 0.6, "lost_or_stolen_card", 0.99);

        CascadeAnswer answer = cascade(small, large).classify("where is my card");

        assertThat(answer.tier()).isEqualTo("small");
        assertThat(answer.label()).isEqualTo("card_arrival");
        assertThat(answer.escalated()).isFalse();
        assertThat(large.seen).isEmpty();
    }

    @Test
    void anUnsureTierPassesTheRequestOnWithItsAttempt() {
        FixedTier small = new FixedTier("small", TierKind.ENCODER_HEAD, 0.8, "card_arrival", 0.55);
        FixedTier large = new FixedTier("large", TierKind.ENCODER_HEAD, 0.6, "lost_or_stolen_card", 0.7);

        CascadeAnswer answer = cascade(small, large).classify("my card is gone");

        assertThat(answer.tier()).isEqualTo("large");
        assertThat(large.seen.get(0)).extracting(TierAttempt::tier).containsExactly("small");
        assertThat(answer.attempts()).extracting(TierAttempt::accepted).containsExactly(false, true);
        assertThat(answer.attempts().get(0).rejection()).contains("below threshold");
    }

    @Test
    void anAnswerOutsideTheLabelsIsRejectedLikeAnyOtherInvalidAnswerWhateverItsConfidence() {
        FixedTier llm = new FixedTier("llm", TierKind.LLM, 0.0, "transfer_money_to_mars", 1.0);

        CascadeAnswer answer = cascade(llm).classify("beam my savings up");

        assertThat(answer.escalated()).isTrue();
        assertThat(answer.label()).isNull();
        assertThat(answer.attempts().get(0).rejection()).contains("not one of the capability's labels");
    }

    @Test
    void whenNoTierIsConfidentTheMostCapableTiersValidAnswerIsEscalatedToPeople() {
        // the later tier is less sure, but it is the better-informed one
        FixedTier small = new FixedTier("small", TierKind.ENCODER_HEAD, 0.9, "card_arrival", 0.7);
        FixedTier large = new FixedTier("large", TierKind.ENCODER_HEAD, 0.9, "lost_or_stolen_card", 0.6);

        CascadeAnswer answer = cascade(small, large).classify("hmm");

        assertThat(answer.escalated()).isTrue();
        assertThat(answer.label()).isEqualTo("lost_or_stolen_card");
        assertThat(answer.tier()).isEqualTo("large");
        assertThat(answer.attempts()).hasSize(2);
    }

    @Test
    void inProcessScoringSkipsGenerativeTiers() {
        FixedTier small = new FixedTier("small", TierKind.ENCODER_HEAD, 0.9, "card_arrival", 0.4);
        FixedTier llm = new FixedTier("llm", TierKind.LLM, 0.0, "card_arrival", null);

        CascadeAnswer answer = cascade(small, llm).classifyInProcess("hmm");

        assertThat(answer.escalated()).isTrue();
        assertThat(llm.seen).isEmpty();
    }
}
