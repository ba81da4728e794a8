package io.agenthub.store;

import io.agenthub.api.DataSubject;
import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** People's decisions kept as lessons, whose texts go with the requests' texts: on erasure and at retention's end. */
class GoldenExamplesTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-10T09:00:00Z");

    private Database database;
    private Ledger ledger;
    private GoldenExamples examples;

    @BeforeEach
    void open() {
        database = MemoryDatabase.started("golden");
        Clock clock = Clock.fixed(RECEIVED, ZoneOffset.UTC);
        ledger = Ledger.open(database.dataSource(), JsonMapper.create(), clock);
        examples = new GoldenExamples(database.dataSource(), JsonMapper.create(), clock);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    private String admit(String subject, String text) {
        return ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", subject, text, null, null)),
                null, "app@test").requestId();
    }

    @Test
    void anExampleKeepsTheTextTheChoiceWhoChoseAndWhatTheModelsSaid() {
        String requestId = admit("C-1", "Where is my card, <PERSON_1>?");

        long id = examples.record("banking77-intent", "demo-bank", requestId, "Where is my card, <PERSON_1>?", "card_arrival",
                null, GoldenExamples.Kind.RESOLUTION, "alice@agent-hub", Map.of("label", "lost_or_stolen_card", "confidence", 0.41));
        examples.record(null, "demo-bank", null, null, null, Map.of("type", "erase-subject", "target", "subject:C-9"),
                GoldenExamples.Kind.DENIAL, "bob@agent-hub", Map.of("risk", "high"));

        GoldenExamples.Example example = examples.of("banking77-intent").get(0);
        assertThat(example.exampleId()).isEqualTo(id);
        assertThat(example.text()).isEqualTo("Where is my card, <PERSON_1>?");
        assertThat(example.label()).isEqualTo("card_arrival");
        assertThat(example.kind()).isEqualTo(GoldenExamples.Kind.RESOLUTION);
        assertThat(example.decidedBy()).isEqualTo("alice@agent-hub");
        assertThat(example.modelAnswer().path("label").asText()).isEqualTo("lost_or_stolen_card");
        assertThat(example.createdAt()).isEqualTo(RECEIVED);
        assertThat(GoldenExamples.Kind.OUT_OF_SCOPE.wireName()).isEqualTo("out-of-scope");
    }

    @Test
    void aSubjectsErasureBlanksTheirExamplesTextsAndCorrectedActionsOnly() {
        String anna = admit("C-1", "Send it to <ADDRESS_1>");
        String ben = admit("C-2", "Where is my card?");
        examples.record("banking77-intent", "demo-bank", anna, "Send it to <ADDRESS_1>", null,
                Map.of("parameters", Map.of("address", "12 High Street")), GoldenExamples.Kind.EDIT, "alice@agent-hub", null);
        examples.record("banking77-intent", "demo-bank", ben, "Where is my card?", "card_arrival", null,
                GoldenExamples.Kind.RESOLUTION, "alice@agent-hub", null);

        int erased = ledger.erasure().eraseExampleTextsOf(new DataSubject("demo-bank", "C-1"));

        assertThat(erased).isEqualTo(1);
        List<GoldenExamples.Example> kept = examples.of("banking77-intent");
        assertThat(kept.get(0).text()).isEqualTo(TextErasure.ERASED_TEXT);
        assertThat(kept.get(0).correctedAction()).isNull();
        assertThat(kept.get(0).kind()).isEqualTo(GoldenExamples.Kind.EDIT);
        assertThat(kept.get(1).text()).isEqualTo("Where is my card?");
        assertThat(ledger.erasure().eraseExampleTextsOf(new DataSubject("demo-bank", "C-1"))).as("once").isZero();
    }

    @Test
    void retentionBlanksAnExampleWithTheTextOfTheRequestItWasCopiedFrom() {
        String old = admit("C-1", "Where is my card?");
        examples.record("banking77-intent", "demo-bank", old, "Where is my card?", "card_arrival", null,
                GoldenExamples.Kind.RESOLUTION, "alice@agent-hub", null);

        assertThat(ledger.erasure().eraseExampleTextsReceivedBefore(RECEIVED)).as("received at the cut-off: kept").isZero();
        assertThat(ledger.erasure().eraseExampleTextsReceivedBefore(RECEIVED.plusSeconds(1))).isEqualTo(1);
        assertThat(examples.of("banking77-intent").get(0).text()).isEqualTo(TextErasure.ERASED_TEXT);
        assertThat(examples.of("banking77-intent").get(0).label()).isEqualTo("card_arrival");
    }
}
