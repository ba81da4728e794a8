package io.agenthub.audit;

import io.agenthub.api.HubRequest;
import io.agenthub.app.JsonMapper;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored log verifies, and every kind of tampering with the database is caught and named. */
class AuditLogTest {

    private Database database;
    private JdbcTemplate jdbc;
    private AuditSigner key;
    private AuditLog log;
    private AuditStore store;

    @BeforeEach
    void logTenRequests() {
        database = MemoryDatabase.started("audit");
        jdbc = new JdbcTemplate(database.dataSource());
        key = AuditSigner.generate();
        log = new AuditLog(database.dataSource(), key, Clock.systemUTC(), 7);
        store = new AuditStore(database.dataSource());
        Ledger ledger = Ledger.open(database.dataSource(), JsonMapper.create(), Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            String id = ledger.requests().admit(RedactedRequest.nothingFound(new HubRequest("demo-bank", "app", "C-100" + i, "text " + i, null, null)), null, "app@test").requestId();
            // written at once, as a step before an action is
            ledger.steps().beforeAction(id, "connector-call", Map.of("operation", "listCards", "status", 200));
            if (i == 4) {
                assertThat(log.appendPending()).isEqualTo(10);
            }
        }
        assertThat(log.appendPending()).isEqualTo(10);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    private AuditVerifier.Report verify() {
        return new AuditVerifier(database.dataSource(), key.publicKey()).verify();
    }

    @Test
    void anUntouchedLogVerifiesWithItsCheckpoints() {
        AuditVerifier.Report report = verify();

        assertThat(report.problem()).isNull();
        assertThat(report.records()).isEqualTo(20);
        assertThat(report.checkpoints()).isEqualTo(4);
        assertThat(store.tree().root(20)).isEqualTo(store.checkpoints().get(3).root());
    }

    @Test
    void eventsWrittenAfterwardsArePendingUntilAppended() {
        String requestId = jdbc.queryForObject("SELECT request_id FROM hub_request FETCH FIRST 1 ROWS ONLY", String.class);
        Ledger.open(database.dataSource(), JsonMapper.create(), Clock.systemUTC()).steps().step(requestId, "late", Map.of());

        assertThat(verify().pending()).isEqualTo(1);
        assertThat(verify().ok()).isTrue();
        log.appendPending();
        assertThat(verify().records()).isEqualTo(21);
    }

    @Test
    void aModifiedRecordIsNamed() {
        jdbc.update("UPDATE hub_request_step SET detail_json = '{\"operation\":\"blockCard\"}' WHERE leaf_index = 5");

        assertThat(verify().problem()).startsWith("record 5 ").contains("was modified");
    }

    @Test
    void aModifiedRecordWithARecomputedHashIsNamed() {
        long stepId = jdbc.queryForObject("SELECT step_id FROM hub_request_step WHERE leaf_index = 6", Long.class);
        AuditRecord forged = jdbc.queryForObject("SELECT " + AuditStore.RECORD_COLUMNS + " FROM hub_request_step WHERE step_id = ?",
                AuditStore.RECORD, stepId);
        AuditRecord changed = new AuditRecord(forged.stepId(), forged.requestId(), "approved", forged.recordedAt(), forged.detailJson());
        jdbc.update("UPDATE hub_request_step SET step = 'approved', leaf_hash = ? WHERE step_id = ?",
                java.util.HexFormat.of().formatHex(changed.leafHash()), stepId);

        assertThat(verify().problem()).startsWith("record 6 ").contains("signature does not hold");
    }

    @Test
    void aDeletedRecordIsNamed() {
        jdbc.update("DELETE FROM hub_request_step WHERE leaf_index = 3");

        assertThat(verify().problem()).startsWith("record 3 is missing");
    }

    @Test
    void recordsDeletedFromTheEndAreNamedThroughTheLastCheckpoint() {
        jdbc.update("DELETE FROM hub_request_step WHERE leaf_index >= 18");

        assertThat(verify().problem()).startsWith("record 18 is missing").contains("checkpoint at size 20");
    }

    @Test
    void anInsertedRecordIsNamed() {
        String requestId = jdbc.queryForObject("SELECT request_id FROM hub_request_step WHERE leaf_index = 2", String.class);
        jdbc.update("UPDATE hub_request_step SET leaf_index = leaf_index + 1000 WHERE leaf_index >= 2");
        jdbc.update("UPDATE hub_request_step SET leaf_index = leaf_index - 999 WHERE leaf_index >= 1000");
        AuditRecord inserted = new AuditRecord(0, requestId, "approved", java.time.Instant.parse("2026-01-01T00:00:00Z"), "{}");
        jdbc.update("INSERT INTO hub_request_step (request_id, step, recorded_at, detail_json, leaf_index, leaf_hash, leaf_signature)"
                        + " VALUES (?, 'approved', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z', '{}', 2, ?, ?)",
                requestId, java.util.HexFormat.of().formatHex(inserted.leafHash()), "AAAA");

        assertThat(verify().problem()).startsWith("record 2 ");
    }

    @Test
    void reorderedRecordsAreNamed() {
        jdbc.update("UPDATE hub_request_step SET leaf_index = -1 WHERE leaf_index = 8");
        jdbc.update("UPDATE hub_request_step SET leaf_index = 8 WHERE leaf_index = 9");
        jdbc.update("UPDATE hub_request_step SET leaf_index = 9 WHERE leaf_index = -1");

        assertThat(verify().problem()).startsWith("record 8 ").contains("signature does not hold");
    }

    @Test
    void aForgedCheckpointIsNamed() {
        jdbc.update("UPDATE audit_checkpoint SET root_hash = ? WHERE tree_size = 17",
                java.util.HexFormat.of().formatHex(new byte[32]));

        assertThat(verify().problem()).startsWith("checkpoint at size 17").contains("signature");
    }

    @Test
    void anotherKeyDoesNotVerify() {
        AuditVerifier.Report report = new AuditVerifier(database.dataSource(), AuditSigner.generate().publicKey()).verify();

        assertThat(report.problem()).startsWith("record 0 ");
    }

    @Test
    void proofsFromTheStoredLogVerify() throws MerkleVerifier.InvalidProofException {
        MerkleTree tree = store.tree();
        List<AuditStore.Checkpoint> checkpoints = store.checkpoints();
        AuditStore.Checkpoint last = checkpoints.get(checkpoints.size() - 1);

        MerkleVerifier.verifyInclusion(11, last.treeSize(), tree.leafHash(11), tree.inclusionProof(11, last.treeSize()), last.root());
        MerkleVerifier.verifyConsistency(7, 20, tree.consistencyProof(7, 20), checkpoints.get(0).root(), last.root());
    }

    @Test
    void aConfiguredKeyKeepsItsPublicHalf() {
        AuditSigner restored = AuditSigner.fromPrivateKey(key.privateKeyText());

        assertThat(restored.publicKeyText()).isEqualTo(key.publicKeyText());
    }
}
