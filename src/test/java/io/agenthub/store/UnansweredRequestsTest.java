package io.agenthub.store;

import io.agenthub.api.HubRequest;
import io.agenthub.api.OutcomeUnknownException;
import io.agenthub.app.JsonMapper;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.messages.ShippedMessages;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which requests recovery takes up, and when it asks a silent back-end again. */
class UnansweredRequestsTest {

    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration LONGEST = Duration.ofSeconds(60);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-06T10:00:00Z"));
    private Database database;
    private Ledger thisHub;

    @BeforeEach
    void openALedger() {
        database = MemoryDatabase.started("unanswered");
        thisHub = Ledger.open(database.dataSource(), JsonMapper.create(), clock);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    private String admit(Ledger ledger, String key) {
        return ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-1001", "I lost my card", key, null)),
                null, "app@test").requestId();
    }

    private void noConfirmation(String requestId) {
        thisHub.requests().awaitConfirmation(requestId, new CascadeAnswer("banking77-intent", "lost_or_stolen_card", 0.99, "tuned",
                "banking77-intent@v8", false, List.of()), "card-lost-or-stolen",
                new OutcomeUnknownException("core-banking block-card failed", "block-card", requestId + ":block-card:CRD-1", null),
                ShippedMessages.english().awaitingConfirmation("demo-bank"));
    }

    @Test
    void aRequestThisHubIsWorkingOnIsNeverTakenUpButOneACrashLeftIsAtOnce() {
        String working = admit(thisHub, "working-1");
        // the same database as a restarted hub sees it: nothing of it is in flight there
        Ledger restarted = Ledger.open(database.dataSource(), JsonMapper.create(), clock);

        assertThat(thisHub.decisions().unanswered(FIRST, LONGEST)).doesNotContain(working);
        assertThat(restarted.decisions().unanswered(FIRST, LONGEST)).containsExactly(working);
    }

    @Test
    void aSilentBackEndIsAskedAgainAfterPausesThatDoubleUpToTheLongest() {
        String waiting = admit(thisHub, "waiting-1");
        noConfirmation(waiting);

        clock.advance(Duration.ofSeconds(4));
        assertThat(thisHub.decisions().unanswered(FIRST, LONGEST)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(thisHub.decisions().unanswered(FIRST, LONGEST)).containsExactly(waiting);

        for (int reask = 2; reask <= 6; reask++) {
            noConfirmation(waiting);
            Duration pause = FIRST.multipliedBy(1L << (reask - 1));
            Duration expected = pause.compareTo(LONGEST) > 0 ? LONGEST : pause;
            clock.advance(expected.minusSeconds(1));
            assertThat(thisHub.decisions().unanswered(FIRST, LONGEST)).as("re-ask %d, %s after", reask, expected.minusSeconds(1)).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            assertThat(thisHub.decisions().unanswered(FIRST, LONGEST)).as("re-ask %d, %s after", reask, expected).containsExactly(waiting);
        }
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
