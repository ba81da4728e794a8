package io.agenthub.collections;

import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.store.Publications;
import io.agenthub.store.StepOutbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code send-outreach} once it is cleared (routes/actions.camel.yaml, {@code execute-send-outreach}): the message goes
 * to the bank's contact systems on JMS {@code hub.outreach} through the publication outbox, in one transaction with
 * the hub's record of it ({@code hub_outreach}) and the request's durable steps, so the same order run again publishes
 * nothing more. Its id is made
 * from the order's idempotency key: the same outreach has the same id wherever it is seen (the message, the back
 * office's contact history, a customer's reply on {@code hub.outreach-replies}).
 */
public final class OutreachSender {

    /** The queue of the bank's contact systems. */
    public static final String DESTINATION = "hub.outreach";

    /** What was sent, for the back office's contact history ({@code connectors/back-office.camel.yaml}). */
    public record Sent(String outreachId, String accountId, String channel, String template, Instant at) {

        /** The named parameters of the record-contact statement. */
        public Map<String, Object> contactRow() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("outreachId", outreachId);
            row.put("accountId", accountId);
            row.put("contactedAt", at.atOffset(ZoneOffset.UTC));
            row.put("channel", channel);
            row.put("template", template);
            row.put("outcome", "SENT");
            return row;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Publications publications;
    private final StepOutbox steps;
    private final Clock clock;

    public OutreachSender(DataSource hubDataSource, Publications publications, StepOutbox steps, Clock clock) {
        this.jdbc = new JdbcTemplate(hubDataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(hubDataSource));
        this.publications = publications;
        this.steps = steps;
        this.clock = clock;
    }

    /**
     * The outreach's id: the one its flow chose, when the customer's reply must find the flow's own record (a fraud
     * alert's), else one made from the order's idempotency key.
     */
    public static String outreachId(ActionOrder order) {
        String chosen = order.action().text("outreachId");
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        return UUID.nameUUIDFromBytes(order.idempotencyKey().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Queues the message, unless this order's outreach was queued before; answers what was sent either way. For an
     * order of a request in flight, in the transaction that makes the request durable before it acts (its decisions,
     * the gate's included, and the step {@code action-requested}), so a request re-run after a crash recalls that it
     * ran the action and finds its outreach queued.
     */
    public Sent send(ActionOrder order) {
        ProposedAction action = order.action();
        String outreachId = outreachId(order);
        String channel = required(action, "channel");
        String template = required(action, "template");
        String version = required(action, "templateVersion");
        String message = required(action, "message");
        AtomicReference<Instant> at = new AtomicReference<>();
        Runnable queue = () -> at.set(queueOnce(order, outreachId, channel, template, version, message));
        if (order.requestId() != null) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("connector", DESTINATION);
            detail.put("operation", action.type());
            detail.put("idempotencyKey", order.idempotencyKey());
            detail.put("outreachId", outreachId);
            steps.withNextFlush(order.requestId(), queue);
            steps.beforeAction(order.requestId(), "action-requested", detail);
        } else {
            tx.executeWithoutResult(status -> queue.run());
        }
        String accountId = action.target().startsWith("account:") ? action.targetId() : null;
        return new Sent(outreachId, accountId, channel, template + "@" + version, at.get());
    }

    /** The message and its row in hub_outreach, once per outreach id; call inside a transaction. */
    private Instant queueOnce(ActionOrder order, String outreachId, String channel, String template, String version,
                              String message) {
        var earlier = jdbc.queryForList("SELECT created_at FROM hub_outreach WHERE outreach_id = ?", Timestamp.class,
                outreachId);
        if (!earlier.isEmpty()) {
            return earlier.get(0).toInstant();
        }
        Instant now = clock.instant();
        jdbc.update("INSERT INTO hub_outreach (outreach_id, request_id, tenant, target, channel, template,"
                        + " template_version, created_at) VALUES (?,?,?,?,?,?,?,?)", outreachId, order.requestId(),
                order.tenant(), order.action().target(), channel, template, version, Timestamp.from(now));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outreachId", outreachId);
        body.put("tenant", order.tenant());
        body.put("subjectId", order.subjectId());
        body.put("channel", channel);
        body.put("template", template);
        body.put("templateVersion", version);
        body.put("message", message);
        body.put("reason", order.action().reason());
        publications.publish(DESTINATION, Map.of("HubTenant", order.tenant(), "HubOutreachId", outreachId,
                "HubChannel", channel), body);
        return now;
    }

    /** The answer of a sent outreach; the job counts the record as contacted by its action's status. */
    public FlowResult sent(ActionOrder order, Sent sent) {
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.OUTREACH_SENT, "channel",
                sent.channel().toLowerCase(java.util.Locale.ROOT)),
                java.util.List.of(new ActionTaken(order.action().type(), order.action().target(), "SENT")));
    }

    private static String required(ProposedAction action, String name) {
        String value = action.text(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("send-outreach needs the parameter " + name);
        }
        return value;
    }
}
