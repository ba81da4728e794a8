package io.agenthub.store;

import io.agenthub.api.HubReply;
import io.agenthub.api.HubRequest;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.connectors.corebanking.Card;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.messages.ShippedMessages;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which text a customer was told, and from which template files, is kept with the answer's step in the audit trail. */
class RepliedTextTest {

    private static final CascadeAnswer INTENT = new CascadeAnswer("banking77-intent", "lost_or_stolen_card", 0.99, "tuned",
            "banking77-intent@v8", false, List.of());

    private final CustomerMessages messages = ShippedMessages.english();
    private Database database;
    private Ledger ledger;

    @BeforeEach
    void openALedger() {
        database = MemoryDatabase.started("replied");
        ledger = Ledger.open(database.dataSource(), JsonMapper.create(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void theAnswersStepNamesItsTextAndTheVersionOfItsWords() {
        String requestId = admit("replied-1");
        HubReply reply = ledger.requests().complete(requestId, INTENT, "card-lost-or-stolen", messages.word("demo-bank",
                new LostCardPolicy().blocked(new Card("CRD-1", "C-1001", "ACC-1", "4821", "VISA", "DEBIT", "BLOCKED", "LOST"))));

        assertThat(reply.message()).isEqualTo("Your VISA card ending 4821 is blocked. A replacement can be ordered in the app.");
        RequestRecord.Step replied = step(requestId, "replied");
        assertThat(replied.detail().path("text").path("key").asText()).isEqualTo("card-blocked");
        assertThat(replied.detail().path("text").path("version").asText()).matches("default/en@2:[0-9a-f]{8}");
        assertThat(replied.detail().path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void theAnswerWhileABackEndIsSilentIsRecordedSoToo() {
        String requestId = admit("pending-1");
        HubReply reply = ledger.requests().awaitConfirmation(requestId, INTENT, "card-lost-or-stolen",
                new OutcomeUnknownException("core-banking block-card failed", "block-card", requestId + ":block-card:CRD-1", null),
                messages.awaitingConfirmation("demo-bank"));

        assertThat(reply.message()).startsWith("We have asked for this to be done and are waiting for confirmation.");
        assertThat(step(requestId, "outcome-unknown").detail().path("text").path("key").asText()).isEqualTo("awaiting-confirmation");
    }

    private String admit(String key) {
        return ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-1001", "I lost my card", key, null)),
                null, "app@test").requestId();
    }

    private RequestRecord.Step step(String requestId, String name) {
        return ledger.records().find(requestId).steps().stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
    }
}
