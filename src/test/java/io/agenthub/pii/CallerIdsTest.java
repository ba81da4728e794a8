package io.agenthub.pii;

import io.agenthub.api.HubRequest;
import io.agenthub.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A caller's own ids are refused when they carry personal data, and never because an opaque id has digits. */
class CallerIdsTest {

    // No vault: nothing in these texts is personal data, so no value is stored.
    private final Pseudonymiser door = new Pseudonymiser(new PiiDetector(PiiRecognizers.standard(List.of("US", "GB", "DE")), 0.5),
            type -> PiiTreatment.TOKEN, null, true);

    private static HubRequest keyed(String key, String correlationId) {
        return new HubRequest("demo-bank", "app", "C-1001", "I lost my card", key, correlationId);
    }

    @Test
    void opaqueIdsAreAcceptedWhateverTheirDigits() {
        Random random = new Random(19);
        for (int i = 0; i < 3_000; i++) {
            String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
            HubRequest request = keyed("replay:" + uuid, "esb-" + uuid);
            assertThat(door.redact(request).request().idempotencyKey()).as(uuid).isEqualTo("replay:" + uuid);
        }
    }

    @Test
    void idsCarryingAnEmailACardNumberOrAnIbanAreRefused() {
        for (String id : List.of("margaret.thornton@example.org", "4111111111111111", "GB82WEST12345698765432")) {
            assertThatThrownBy(() -> door.redact(keyed(id, null))).isInstanceOf(ProblemException.class);
            assertThatThrownBy(() -> door.redact(keyed(null, id))).isInstanceOf(ProblemException.class);
        }
    }
}
