package io.agenthub.store;

import io.agenthub.api.DataSubject;
import io.agenthub.app.JsonMapper;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a flagged payment was made, which a fraud alert keeps, goes on the subject's erasure and at retention's end. */
class AlertErasureTest {

    private static final Instant RECEIVED = Instant.parse("2026-01-10T09:00:00Z");

    private Database database;
    private Ledger ledger;

    @BeforeEach
    void open() {
        database = MemoryDatabase.started("alert-erasure");
        ledger = Ledger.open(database.dataSource(), JsonMapper.create(), Clock.fixed(RECEIVED, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void aSubjectsErasureAndRetentionBlankWhereTheirFlaggedPaymentsWereMade() {
        JdbcTemplate db = new JdbcTemplate(database.dataSource());
        for (String[] alert : new String[][] {{"FA-1", "C-1"}, {"FA-2", "C-2"}}) {
            db.update("INSERT INTO hub_fraud_alert (tenant, alert_id, subject_id, card_id, amount, currency, merchant,"
                    + " transaction_at, alert_digest, outreach_id, status, received_at) VALUES ('demo-bank', ?, ?,"
                    + " 'CRD-1', 12.00, 'EUR', 'Kiosk am Markt', ?, 'digest', ?, 'not-fraud', ?)", alert[0], alert[1],
                    Timestamp.from(RECEIVED), UUID.randomUUID().toString(), Timestamp.from(RECEIVED));
        }

        assertThat(ledger.erasure().eraseAlertDetailsOf(new DataSubject("demo-bank", "C-1"))).isEqualTo(1);
        assertThat(db.queryForList("SELECT merchant FROM hub_fraud_alert ORDER BY alert_id", String.class))
                .containsExactly(TextErasure.ERASED_TEXT, "Kiosk am Markt");
        assertThat(ledger.erasure().eraseAlertDetailsOf(new DataSubject("demo-bank", "C-1"))).as("once").isZero();

        assertThat(ledger.erasure().eraseAlertDetailsReceivedBefore(RECEIVED)).as("received at the cut-off: kept").isZero();
        assertThat(ledger.erasure().eraseAlertDetailsReceivedBefore(RECEIVED.plusSeconds(1))).isEqualTo(1);
        assertThat(db.queryForList("SELECT DISTINCT merchant FROM hub_fraud_alert", String.class))
                .containsExactly(TextErasure.ERASED_TEXT);
    }
}
