package io.agenthub.store;

import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A request answered once is taken up again when a person resolves it: its intent replaced for the re-run (a later
 * decision of a name wins), its status back to in progress with its earlier answer kept until the next.
 */
class ReopenedRequestTest {

    private static final CascadeAnswer UNSURE = new CascadeAnswer("banking77-intent", "card_arrival", 0.5, "ensemble",
            "banking77-intent@v8+v6", true, List.of());
    private static final CascadeAnswer CHOSEN = new CascadeAnswer("banking77-intent", "lost_or_stolen_card", 1.0, "people",
            "alice@agent-hub", false, List.of());

    private Database database;
    private Ledger ledger;
    private TransactionTemplate tx;

    @BeforeEach
    void openALedger() {
        database = MemoryDatabase.started("reopened");
        ledger = Ledger.open(database.dataSource(), JsonMapper.create(), Clock.systemUTC(), (id, intent, reason) -> { });
        tx = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
    }

    @AfterEach
    void close() {
        database.stop();
    }

    /** A request the cascade was unsure of, answered with a referral, as process-request answers it. */
    private String referred() {
        String requestId = ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-1",
                "Where is it?", null, null)), null, "app@test").requestId();
        ledger.decisions().decided(requestId, "intent", UNSURE);
        ledger.requests().classified(requestId, UNSURE, "refer-to-staff");
        ledger.requests().complete(requestId, UNSURE, "refer-to-staff", FlowResult.referred(ReplyText.of(ReplyKey.REFERRAL_NOT_UNDERSTOOD),
                "no tier was confident enough").worded("staff will follow up", "default/en@1:test"));
        return requestId;
    }

    @Test
    void aReopenedRequestRecallsThePersonsIntentAndKeepsItsEarlierAnswerUntilTheNext() {
        String requestId = referred();

        Optional<HubRequest> taken = tx.execute(status -> {
            ledger.decisions().override(requestId, "intent", CHOSEN);
            return ledger.requests().reopen(requestId);
        });
        assertThat(taken).hasValueSatisfying(request -> assertThat(request.text()).isEqualTo("Where is it?"));

        RequestRecord reopened = ledger.records().find(requestId);
        assertThat(reopened.status()).isEqualTo(RequestStatus.IN_PROGRESS);
        assertThat(reopened.reply().path("outcome").asText()).isEqualTo("referred");
        assertThat(ledger.decisions().unanswered(Duration.ofSeconds(5), Duration.ofMinutes(1)))
                .as("in flight here: recovery leaves it to the one re-running it").doesNotContain(requestId);

        CascadeAnswer recalled = ledger.decisions().decided(requestId, "intent", UNSURE);
        assertThat(recalled).isEqualTo(CHOSEN);

        ledger.requests().complete(requestId, recalled, "card-lost-or-stolen",
                new FlowResult(Outcome.COMPLETED, "blocked", List.of(), null, null));
        RequestRecord answered = ledger.records().find(requestId);
        assertThat(answered.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(answered.reply().path("tier").asText()).isEqualTo("people");
        assertThat(answered.reply().path("message").asText()).isEqualTo("blocked");
    }

    @Test
    void aRequestBeingHandledIsNotReopenedAndKeepsItsSteps() {
        String inFlight = ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-2",
                "Where is it?", null, null)), null, "app@test").requestId();
        ledger.requests().classified(inFlight, UNSURE, "refer-to-staff");

        assertThat(ledger.requests().reopen(inFlight)).isEmpty();

        ledger.requests().complete(inFlight, UNSURE, "refer-to-staff", new FlowResult(Outcome.COMPLETED, "done", List.of(),
                null, null));
        assertThat(ledger.records().find(inFlight).steps()).as("the step held before the attempt")
                .anySatisfy(s -> assertThat(s.step()).isEqualTo("classified"));
    }

    @Test
    void aReopeningThatRollsBackLeavesTheRequestAsItWasAndNotInFlight() {
        String requestId = referred();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            assertThat(ledger.requests().reopen(requestId)).isPresent();
            throw new IllegalStateException("the resolution failed");
        })).hasMessage("the resolution failed");

        assertThat(ledger.records().find(requestId).status()).isEqualTo(RequestStatus.COMPLETED);
        // not in flight: a step is written at once, not held for a flush that will never come
        ledger.steps().step(requestId, "contested", java.util.Map.of("statement", "not me"));
        assertThat(ledger.records().find(requestId).steps()).anySatisfy(s -> assertThat(s.step()).isEqualTo("contested"));
    }
}
