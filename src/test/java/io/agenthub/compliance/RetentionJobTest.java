package io.agenthub.compliance;

import io.agenthub.api.DataSubject;
import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.pii.PiiDetector;
import io.agenthub.pii.PiiRecognizers;
import io.agenthub.pii.PiiTreatment;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.testing.MemoryDatabase;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Personal data leaves when its period in compliance/retention.yaml ends; each removal is audited. */
class RetentionJobTest {

    private static final Instant START = Instant.parse("2026-01-10T09:00:00Z");
    private static final DataSubject ANNA = new DataSubject("demo-bank", "C-1");

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {
        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock();
    private Database database;
    private JdbcTemplate jdbc;
    private SubjectVault vault;
    private Ledger ledger;
    private RetentionJob job;

    @BeforeEach
    void storeARequestWithPersonalData() throws IOException {
        database = MemoryDatabase.started("retention");
        jdbc = new JdbcTemplate(database.dataSource());
        vault = new SubjectVault(database.dataSource(), MasterKey.of(Base64.getEncoder().encodeToString(new byte[32])), clock);
        ledger = Ledger.open(database.dataSource(), JsonMapper.create(), clock);
        Pseudonymiser pseudonymiser = new Pseudonymiser(new PiiDetector(PiiRecognizers.standard(List.of("GB")), 0.5),
                type -> PiiTreatment.TOKEN, vault, true);
        ledger.requests().admit(pseudonymiser.redact(new HubRequest(ANNA.tenant(), "app", ANNA.subjectId(),
                "Card 4111 1111 1111 1111, mail anna@example.org", null, null)), null, "app@test");
        job = new RetentionJob(database.dataSource(), RetentionPolicy.read(yaml("""
                personalData:
                  default: P13M
                  CREDIT_CARD: P6M
                requestTexts: P13M
                auditTrail: P10Y
                """)), vault, ledger, clock);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void eachKindOfDataLeavesWhenItsOwnPeriodEndsAndEachRemovalIsAudited() {
        clock.now = START.atOffset(ZoneOffset.UTC).plusMonths(6).minusDays(1).toInstant();
        assertThat(job.run()).isEmpty();

        clock.now = START.atOffset(ZoneOffset.UTC).plusMonths(6).plusDays(1).toInstant();
        assertThat(job.run()).isEqualTo(Map.of("CREDIT_CARD", 1));
        assertThat(vault.reveal(ANNA, "CREDIT_CARD_1")).isEmpty();
        assertThat(vault.reveal(ANNA, "EMAIL_ADDRESS_1")).hasValue("anna@example.org");

        clock.now = START.atOffset(ZoneOffset.UTC).plusMonths(13).plusDays(1).toInstant();
        assertThat(job.run()).isEqualTo(Map.of("EMAIL_ADDRESS", 1, "requestTexts", 1));
        assertThat(jdbc.queryForObject("SELECT request_text FROM hub_request", String.class)).isEqualTo("<erased>");
        assertThat(job.run()).isEmpty();

        assertThat(jdbc.queryForList("SELECT detail_json FROM hub_request_step WHERE step = 'retention' ORDER BY step_id",
                String.class)).containsExactly("{\"removed\":{\"CREDIT_CARD\":1}}",
                "{\"removed\":{\"EMAIL_ADDRESS\":1,\"requestTexts\":1}}");
    }

    @Test
    void aPolicyWithoutADefaultOrWithAnUnknownTypeIsRefused() {
        assertThatThrownBy(() -> RetentionPolicy.read(yaml("personalData: {CREDIT_CARD: P6M}\nrequestTexts: P1Y\nauditTrail: P10Y")))
                .hasMessageContaining("needs a default period");
        assertThatThrownBy(() -> RetentionPolicy.read(yaml("personalData: {default: P1Y, SHOE_SIZE: P1D}\nrequestTexts: P1Y\nauditTrail: P10Y")))
                .hasMessageContaining("SHOE_SIZE is not a personal-data type");
        assertThatThrownBy(() -> RetentionPolicy.read(yaml("personalData: {default: soon}\nrequestTexts: P1Y\nauditTrail: P10Y")))
                .hasMessageContaining("retention.yaml");
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
