package io.agenthub.flows.fraud;

import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The fraud alerts' durable state (hub_fraud_alert, migration V12). Every change of status is a conditional update
 * from the status it leaves, so a reply and the deadline sweep, or two replies, cannot both move one alert on; the
 * caller runs it in the transaction that records why (its audit step, the request re-opened).
 */
public final class FraudAlerts {

    /** Record keys of alert requests: {@code fraud-alert:<alertId>}. */
    public static final String KEY_PREFIX = "fraud-alert:";

    private static final String COLUMNS = "tenant, alert_id, subject_id, card_id, amount, currency, merchant,"
            + " transaction_at, score, outreach_id, request_id, status, deadline_at, reply_reading, reply_rule, closed_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration replyDeadline;

    /** @param replyDeadline how long the customer has to answer before people take the alert up */
    public FraudAlerts(DataSource dataSource, Clock clock, Duration replyDeadline) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.replyDeadline = replyDeadline;
    }

    /**
     * Keeps a new alert (status received, with the outreach id its customer will answer under), or finds it again: the
     * same alert sent twice is one alert; another alert under a used id is refused.
     */
    public StoredAlert receive(FraudAlert alert) {
        String digest = digest(alert);
        Optional<StoredAlert> earlier = find(alert.tenant(), alert.alertId());
        if (earlier.isEmpty()) {
            try {
                jdbc.update("INSERT INTO hub_fraud_alert (tenant, alert_id, subject_id, card_id, amount, currency, merchant,"
                                + " transaction_at, score, alert_digest, outreach_id, status, received_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        alert.tenant(), alert.alertId(), alert.subjectId(), alert.cardId(), alert.transaction().amount(),
                        alert.transaction().currency(), alert.transaction().merchant(),
                        Timestamp.from(alert.transaction().at()), alert.score(), digest, UUID.randomUUID().toString(),
                        AlertStatus.RECEIVED.wireName(), Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException sameMomentElsewhere) {
                // another consumer kept the same alert between our look-up and insert: compared below
            }
        }
        String kept = jdbc.queryForObject("SELECT alert_digest FROM hub_fraud_alert WHERE tenant = ? AND alert_id = ?",
                String.class, alert.tenant(), alert.alertId());
        if (!digest.equals(kept)) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "An alert with this alertId was received"
                    + " before with other content; a new alert needs a new alertId.");
        }
        return find(alert.tenant(), alert.alertId()).orElseThrow();
    }

    public Optional<StoredAlert> find(String tenant, String alertId) {
        return one("SELECT " + COLUMNS + " FROM hub_fraud_alert WHERE tenant = ? AND alert_id = ?", tenant, alertId);
    }

    /** The alert a request was admitted for, by its record key; empty for a request that is no alert's. */
    public Optional<StoredAlert> ofRequest(String tenant, String recordKey) {
        if (recordKey == null || !recordKey.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        return find(tenant, recordKey.substring(KEY_PREFIX.length()));
    }

    public Optional<StoredAlert> byOutreach(String outreachId) {
        return one("SELECT " + COLUMNS + " FROM hub_fraud_alert WHERE outreach_id = ?", outreachId);
    }

    /** The customer was asked (the outreach goes out in this transaction): their answer is awaited until the deadline. */
    public void awaiting(StoredAlert alert, String requestId) {
        jdbc.update("UPDATE hub_fraud_alert SET status = ?, request_id = ?, deadline_at = ? WHERE tenant = ? AND alert_id = ?"
                        + " AND status = ?", AlertStatus.AWAITING_CUSTOMER.wireName(), requestId,
                Timestamp.from(clock.instant().plus(replyDeadline)), alert.tenant(), alert.alertId(),
                AlertStatus.RECEIVED.wireName());
    }

    /**
     * Moves an awaited alert on by the customer's reply, or by silence ({@code rule} {@code no-reply}); false when it
     * was not awaiting any more (another reply, or the sweep, came first).
     */
    public boolean decide(StoredAlert alert, AlertStatus status, String reading, String rule) {
        return jdbc.update("UPDATE hub_fraud_alert SET status = ?, replied_at = ?, reply_reading = ?, reply_rule = ?"
                        + " WHERE tenant = ? AND alert_id = ? AND status = ?", status.wireName(),
                Timestamp.from(clock.instant()), reading, rule, alert.tenant(), alert.alertId(),
                AlertStatus.AWAITING_CUSTOMER.wireName()) == 1;
    }

    /** The hub gave the alert's final answer. */
    public void closed(StoredAlert alert) {
        jdbc.update("UPDATE hub_fraud_alert SET closed_at = ? WHERE tenant = ? AND alert_id = ? AND closed_at IS NULL",
                Timestamp.from(clock.instant()), alert.tenant(), alert.alertId());
    }

    /** Alerts whose customer has not answered by the deadline, oldest deadline first. */
    public List<StoredAlert> overdue(int atMost) {
        return jdbc.query("SELECT " + COLUMNS + " FROM hub_fraud_alert WHERE status = ? AND deadline_at < ?"
                        + " ORDER BY deadline_at FETCH FIRST " + atMost + " ROWS ONLY", ROW,
                AlertStatus.AWAITING_CUSTOMER.wireName(), Timestamp.from(clock.instant()));
    }

    private Optional<StoredAlert> one(String sql, Object... args) {
        return jdbc.query(sql, ROW, args).stream().findFirst();
    }

    private static final RowMapper<StoredAlert> ROW = (rs, i) -> new StoredAlert(rs.getString(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getBigDecimal(5), rs.getString(6), rs.getString(7), instant(rs.getTimestamp(8)),
            rs.getBigDecimal(9), rs.getString(10), rs.getString(11), AlertStatus.of(rs.getString(12)),
            instant(rs.getTimestamp(13)), rs.getString(14), rs.getString(15), instant(rs.getTimestamp(16)));

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }

    private static String digest(FraudAlert alert) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(alert.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
