package io.agenthub.capability;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityCascadeTest {

    private static final Set<String> LABELS = Set.of("lost_or_stolen_card", "card_arrival");

    /** A tier that always gives the same answer and remembers what it was shown. */
    private static class FixedTier implements Tier<Question, LabelAnswer, TierAttempt> {
        private final TierDeclaration declaration;
        final double threshold;
        private final String label;
        private final Double confidence;
        Exception failing;
        final List<List<TierAttempt>> seen = new ArrayList<>();

        FixedTier(String name, TierKind kind, double threshold, String label, Double confidence) {
            this.declaration = kind == TierKind.ENCODER_HEAD
                    ? new TierDeclaration.EncoderHead(name, "v1", null, null, threshold, null, null, null, true)
                    : new TierDeclaration.Llm(name, true, threshold, new TierDeclaration.LlmSettings("ollama", "http://x", "m", null), null);
            this.threshold = threshold;
            this.label = label;
            this.confidence = confidence;
        }

        @Override
        public TierDeclaration declaration() {
            return declaration;
        }

        @Override
        public String model() {
            return "model-" + declaration.name();
        }

        @Override
        public String digest() {
            return "sha256:test";
        }

        @Override
        public LabelAnswer answer(Question question, List<TierAttempt> earlier) throws Exception {
            seen.add(earlier);
            if (failing != null) {
                throw failing;
            }
            return new LabelAnswer(label, confidence, null);
        }

        @Override
        public String failure(Exception e) {
            return "failed: " + e.getMessage();
        }
    }

    private static CapabilityCascade cascade(FixedTier... tiers) {
        List<Cascade.Stage<Question, LabelAnswer, TierAttempt>> stages = new ArrayList<>();
        for (FixedTier tier : tiers) {
            stages.add(new Cascade.Stage<>(tier, new LabelJudge(LABELS, tier.threshold)));
        }
        stages.add(new Cascade.Stage<>(new PeopleTier<>(new TierDeclaration.ReviewQueue("people")), new LabelJudge(LABELS, 0)));
        return new CapabilityCascade("test-intent", new Cascade<>(stages, null), LABELS);
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

    @Test
    void aTierThatFailsIsARejectedAttemptInItsOwnWordsAndTheNextTierIsAsked() {
        FixedTier broken = new FixedTier("broken", TierKind.LLM, 0.0, "card_arrival", 0.9);
        broken.failing = new IllegalStateException("timed out");
        FixedTier silent = new FixedTier("silent", TierKind.LLM, 0.0, "card_arrival", 0.9);
        silent.failing = new NoAnswer("answer is not a JSON object");
        FixedTier small = new FixedTier("small", TierKind.ENCODER_HEAD, 0.5, "card_arrival", 0.8);

        CascadeAnswer answer = cascade(broken, silent, small).classify("where is my card");

        assertThat(answer.tier()).isEqualTo("small");
        assertThat(answer.attempts()).extracting(TierAttempt::rejection)
                .containsExactly("failed: timed out", "answer is not a JSON object", null);
        assertThat(answer.attempts()).extracting(TierAttempt::model).containsExactly("model-broken", "model-silent", "model-small");
        assertThat(answer.attempts()).allMatch(a -> a.latencyMs() >= 0);
        assertThat(small.seen.get(0)).extracting(TierAttempt::tier).containsExactly("broken", "silent");
    }

    @Test
    void disabledTiersAndTiersAfterTheReviewQueueAreNeverAsked() {
        TierDeclaration.EncoderHead off = new TierDeclaration.EncoderHead("off", "v1", null, null, 0.0, null, null, null, false);
        FixedTier disabled = new FixedTier("off", TierKind.ENCODER_HEAD, 0.0, "card_arrival", 1.0) {
            @Override
            public TierDeclaration declaration() {
                return off;
            }
        };
        FixedTier afterPeople = new FixedTier("late", TierKind.ENCODER_HEAD, 0.0, "card_arrival", 1.0);
        List<Cascade.Stage<Question, LabelAnswer, TierAttempt>> stages = List.of(
                new Cascade.Stage<>(disabled, new LabelJudge(LABELS, 0.0)),
                new Cascade.Stage<>(new PeopleTier<>(new TierDeclaration.ReviewQueue("people")), new LabelJudge(LABELS, 0.0)),
                new Cascade.Stage<>(afterPeople, new LabelJudge(LABELS, 0.0)));

        CascadeAnswer answer = new CapabilityCascade("test-intent", new Cascade<>(stages, null), LABELS).classify("x");

        assertThat(answer.escalated()).isTrue();
        assertThat(answer.attempts()).isEmpty();
        assertThat(disabled.seen).isEmpty();
        assertThat(afterPeople.seen).isEmpty();
    }
}
