package io.agenthub.intent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped declarations in processors/ and routes/ load and route as documented. */
class FrontDoorDeclarationsTest {

    private static KeywordIntentClassifier classifier() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("processors/front-door-intent.yaml"))) {
            return KeywordIntentClassifier.fromYaml(in);
        }
    }

    private static FlowDirectory flows() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("routes/intent-flows.yaml"))) {
            return FlowDirectory.fromYaml(in);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I lost my card on the bus               | lost_or_stolen_card",
            "Someone stole my card yesterday         | lost_or_stolen_card",
            "I can't find my card anywhere           | lost_or_stolen_card",
            "I cannot locate my debit card           | lost_or_stolen_card",
            "My wallet was stolen with everything    | lost_or_stolen_card",
            "Block my card, it's missing             | lost_or_stolen_card",
            "There is a fraudulent payment on my card| compromised_card",
            "When will my card arrive?               | card_arrival",
            "What is the weather tomorrow            | unknown",
    })
    void classifiesTheDeclaredIntents(String text, String intent) throws IOException {
        assertThat(classifier().classify(text).label()).isEqualTo(intent);
    }

    @Test
    void aConfidentLostCardPredictionGoesToItsFlowAndEverythingElseToStaff() throws IOException {
        FlowDirectory flows = flows();

        assertThat(flows.flowFor(new IntentPrediction("lost_or_stolen_card", 0.9, "m", "1"))).isEqualTo("card-lost-or-stolen");
        assertThat(flows.flowFor(new IntentPrediction("lost_or_stolen_card", 0.2, "m", "1"))).isEqualTo("refer-to-staff");
        assertThat(flows.flowFor(new IntentPrediction("card_arrival", 0.9, "m", "1"))).isEqualTo("refer-to-staff");
    }

    @Test
    void predictionsNameTheModelVersionThatMadeThem() throws IOException {
        IntentPrediction prediction = classifier().classify("I lost my card");

        assertThat(prediction.model()).isEqualTo("front-door-intent/keyword-rules");
        assertThat(prediction.version()).isNotBlank();
    }
}
