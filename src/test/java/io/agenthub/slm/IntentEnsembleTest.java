package io.agenthub.slm;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class IntentEnsembleTest {

    /** A one-feature model whose bias alone sets its probabilities over the labels. */
    private static IntentModel model(String version, List<String> labels, float... bias) {
        ModelCard card = new ModelCard("test-intent", version, null, Instant.EPOCH, List.of(),
                ModelCard.HeadSpec.softmaxRegression(0, 0).written("head.bin", "sha256:x", 1.0), labels, null, null, null, "test");
        return new IntentModel(card, new LinearHead(labels.size(), 1, new float[labels.size()], bias, 1.0), List.of());
    }

    private static final List<String> LABELS = List.of("card_arrival", "lost_or_stolen_card");
    private static final List<float[]> FEATURES = List.of(new float[] {0}, new float[] {0});

    @Test
    void oneMemberAnswersExactlyAsItsModel() {
        IntentModel only = model("v3", LABELS, 1.0f, 0.0f);
        IntentEnsemble ensemble = IntentEnsemble.of(only);

        assertThat(ensemble.probabilities(List.of(new float[] {0}))).containsExactly(only.probabilities(new float[] {0}));
        assertThat(ensemble.id()).isEqualTo("test-intent@v3");
    }

    @Test
    void membersAreBlendedByTheGeometricMeanOfTheirProbabilities() {
        IntentEnsemble ensemble = new IntentEnsemble(List.of(model("v3", LABELS, 2.0f, 0.0f), model("v4", LABELS, 0.0f, 1.0f)));

        double[] p = ensemble.probabilities(FEATURES);
        // mean of the log-probabilities is softmax of the mean logits here: (1, 0.5)
        assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(-0.5)), within(1e-9));
        assertThat(ensemble.score(FEATURES).label()).isEqualTo("card_arrival");
        assertThat(ensemble.id()).isEqualTo("test-intent@v3+v4");
    }

    @Test
    void aMemberWithWeightZeroDoesNotVote() {
        IntentModel voter = model("v3", LABELS, 2.0f, 0.0f);
        IntentEnsemble ensemble = new IntentEnsemble(List.of(model("v5", LABELS, 0.0f, 9.0f), voter),
                new IntentEnsemble.Settings(List.of(0.0, 1.0), null, null));

        assertThat(ensemble.probabilities(FEATURES)[0]).isCloseTo(voter.probabilities(new float[] {0})[0], within(1e-9));
        assertThatThrownBy(() -> new IntentEnsemble(List.of(voter, voter), new IntentEnsemble.Settings(List.of(1.0), null, null)))
                .hasMessageContaining("one non-negative weight per model");
        assertThatThrownBy(() -> new IntentEnsemble(List.of(voter, voter), new IntentEnsemble.Settings(List.of(0.0, 0.0), null, null)))
                .hasMessageContaining("not all 0");
    }

    @Test
    void modelsWithDifferentLabelsCannotFormAnEnsemble() {
        assertThatThrownBy(() -> new IntentEnsemble(List.of(model("v3", LABELS, 0, 0),
                model("v4", List.of("card_arrival", "age_limit"), 0, 0))))
                .hasMessageContaining("other labels");
        assertThatThrownBy(() -> new IntentEnsemble(List.of())).hasMessageContaining("at least one");
    }
}
