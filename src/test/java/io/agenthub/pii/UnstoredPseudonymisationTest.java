package io.agenthub.pii;

import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code predict --pseudonymise} shows the models: the text as the door redacts a subject's first request, tokens
 * numbered within the text, with no vault to store anything in.
 */
class UnstoredPseudonymisationTest {

    private final Pseudonymiser door = Pseudonymiser.unstored(new PiiDetector(PiiRecognizers.standard(List.of("GB")), 0.5),
            type -> type == PiiType.IP_ADDRESS ? PiiTreatment.DROP : PiiTreatment.TOKEN);

    private String redacted(String text) {
        return door.redactUnstored(new HubRequest("demo-bank", "predict", null, text, null, null)).request().text();
    }

    @Test
    void tokensAreNumberedWithinEachTextTheSameValueTheSameToken() {
        assertThat(redacted("write to ann@example.org or bob@example.org, not ann@example.org"))
                .isEqualTo("write to <EMAIL_ADDRESS_1> or <EMAIL_ADDRESS_2>, not <EMAIL_ADDRESS_1>");
        // a new text starts again at 1: nothing is remembered between texts
        assertThat(redacted("mail bob@example.org")).isEqualTo("mail <EMAIL_ADDRESS_1>");
    }

    @Test
    void droppedTypesAndTextWrittenAsTokensAreTreatedAsAtTheDoor() {
        assertThat(redacted("from 192.168.10.20 today")).isEqualTo("from <IP_ADDRESS> today");
        // a customer who types a token does not get one: the door disarms it
        assertThat(redacted("<PERSON_1> lost a card")).isEqualTo("\u2039PERSON_1\u203A lost a card");
    }

    @Test
    void textWithoutPersonalDataIsUnchanged() {
        assertThat(redacted("my card has not arrived yet")).isEqualTo("my card has not arrived yet");
    }
}
