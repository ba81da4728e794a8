package io.agenthub.collections;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.FlowResult;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.store.Publications;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * send-outreach's execution: one message on hub.outreach per outreach however often the order runs (a request re-run
 * after a crash between sending and answering runs its cleared action again, under the same idempotency key).
 */
class OutreachSenderTest {

    private final Database database = MemoryDatabase.started("outreach");
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private final Publications publications = new Publications(database.dataSource(), new ObjectMapper(), clock);
    private final OutreachSender sender = new OutreachSender(database.dataSource(), publications,
            Ledger.open(database.dataSource(), new ObjectMapper(), clock).steps(), clock);

    OutreachSenderTest() {
        for (String requestId : new String[] {"req-1", "req-2", "req-3"}) {
            new JdbcTemplate(database.dataSource()).update("INSERT INTO hub_request (request_id, tenant, channel, caller, subject_id,"
                    + " request_text, status, received_at) VALUES (?, 'demo-bank', 'job', 'job:collections', 'C-1001', 'Collections: account"
                    + " K-3004', 'IN_PROGRESS', CURRENT_TIMESTAMP)", requestId);
        }
    }

    @AfterEach
    void stop() {
        database.stop();
    }

    private static ActionOrder order(String requestId) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("channel", "EMAIL");
        parameters.put("template", "collections-31-60");
        parameters.put("templateVersion", "v1");
        parameters.put("message", "We have not received 96.40 EUR for your credit card K-3004.");
        ProposedAction action = new ProposedAction("send-outreach", "account:K-3004", parameters, null, null,
                ProposedAction.Risk.LOW, "strategy reminder for bucket 31-60", null);
        return new ActionOrder(null, requestId, "demo-bank", "C-1001", action, requestId + ":send-outreach:K-3004",
                "policy: send-outreach rule 2: auto");
    }

    @Test
    void anOutreachIsPublishedOnceHoweverOftenItsOrderRuns() {
        OutreachSender.Sent first = sender.send(order("req-1"));
        OutreachSender.Sent again = sender.send(order("req-1"));

        assertThat(again).isEqualTo(first);
        assertThat(publications.due()).singleElement().satisfies(message -> {
            assertThat(message.destination()).isEqualTo("hub.outreach");
            assertThat(message.headers()).containsEntry("HubOutreachId", first.outreachId())
                    .containsEntry("HubTenant", "demo-bank").containsEntry("HubChannel", "EMAIL");
            assertThat(message.body().path("outreachId").asText()).isEqualTo(first.outreachId());
            assertThat(message.body().path("subjectId").asText()).isEqualTo("C-1001");
            assertThat(message.body().path("template").asText()).isEqualTo("collections-31-60");
            assertThat(message.body().path("templateVersion").asText()).isEqualTo("v1");
            assertThat(message.body().path("message").asText()).contains("K-3004");
            assertThat(message.body().path("reason").asText()).isEqualTo("strategy reminder for bucket 31-60");
        });
        // Each run left its action-requested step, naming the outreach.
        assertThat(new JdbcTemplate(database.dataSource()).queryForList("SELECT detail_json FROM hub_request_step"
                + " WHERE request_id = 'req-1' AND step = 'action-requested'", String.class))
                .hasSize(2).allMatch(detail -> detail.contains(first.outreachId()));
        assertThat(first.contactRow()).containsEntry("accountId", "K-3004").containsEntry("outcome", "SENT")
                .containsEntry("template", "collections-31-60@v1");
    }

    @Test
    void anotherRequestsOutreachIsAnotherMessage() {
        OutreachSender.Sent first = sender.send(order("req-1"));
        OutreachSender.Sent second = sender.send(order("req-2"));

        assertThat(second.outreachId()).isNotEqualTo(first.outreachId());
        assertThat(publications.due()).hasSize(2);
    }

    @Test
    void theAnswerCountsAsAContactAndAnOrderWithoutItsMessageIsRefused() {
        ActionOrder order = order("req-1");
        FlowResult answer = sender.sent(order, sender.send(order));

        assertThat(answer.actions()).singleElement().satisfies(action -> {
            assertThat(action.type()).isEqualTo("send-outreach");
            assertThat(action.status()).isEqualTo("SENT");
        });
        ProposedAction bare = new ProposedAction("send-outreach", "account:K-3004", Map.of("channel", "EMAIL"), null,
                null, null, null, null);
        assertThatThrownBy(() -> sender.send(new ActionOrder(null, "req-3", "demo-bank", "C-1001", bare, "k", "x")))
                .hasMessageContaining("template");
        assertThat(publications.due()).hasSize(1);
    }
}
