package io.agenthub.cli;

import io.agenthub.RunningHub;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/** `audit verify`, `prove` and `verify-proof` on the log a real hub wrote, before and after tampering. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditCliTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @TempDir
    static Path proofs;

    /** How many records the hub logged: each request leaves one record per step. */
    static long logged;


    private final CliRun cli = new CliRun();

    @Test
    @Order(1)
    void theLogOfAStoppedHubVerifies() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(hub.postRequest(request("C-1001", "I lost my card", "audit-" + i)).statusCode()).isEqualTo(200);
        }
        hub.stop();

        logged = new JdbcTemplate(hub.database())
                .queryForObject("SELECT COUNT(*) FROM hub_request_step", Long.class);
        assertThat(logged).isGreaterThanOrEqualTo(12);

        assertThat(cli.run("audit", "verify", "--data-dir", hub.dataDir().toString())).as(cli.err()).isZero();
        assertThat(cli.out()).contains("audit log verifies: " + logged + " records").contains("0 events not yet appended");
    }

    @Test
    @Order(2)
    void aProofOfARecordVerifiesOfflineAndABrokenOneIsRejected() throws Exception {
        Path proof = proofs.resolve("inclusion.json");
        assertThat(cli.run("audit", "prove", "--record", "4", "--data-dir", hub.dataDir().toString(), "--out", proof.toString()))
                .as(cli.err()).isZero();
        assertThat(cli.run("audit", "verify-proof", "--file", proof.toString())).isZero();
        assertThat(cli.out()).contains("valid: record 4 is in the log of " + logged + " records");

        Files.writeString(proof, Files.readString(proof).replace("\"leafIdx\" : 4", "\"leafIdx\" : 5"));
        assertThat(cli.run("audit", "verify-proof", "--file", proof.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("invalid proof:");
    }

    @Test
    @Order(3)
    void aConsistencyProofVerifies() {
        Path proof = proofs.resolve("consistency.json");
        assertThat(cli.run("audit", "prove", "--from", "5", "--to", String.valueOf(logged), "--data-dir", hub.dataDir().toString(),
                "--out", proof.toString())).as(cli.err()).isZero();
        assertThat(cli.run("audit", "verify-proof", "--file", proof.toString())).isZero();
        assertThat(cli.out()).contains("the log of " + logged + " records extends the log of 5 records");
    }

    @Test
    @Order(4)
    void badArgumentsAreOneLineNotAStackTrace() {
        assertThat(cli.run("audit", "prove", "--record", "99", "--data-dir", hub.dataDir().toString())).isEqualTo(1);
        assertThat(cli.err()).contains("--record must be between 0 and " + (logged - 1)).doesNotContain("\tat ");
        assertThat(cli.run("audit", "verify-proof", "--file", proofs.resolve("none.json").toString())).isEqualTo(1);
    }

    @Test
    @Order(5)
    void recordsDeletedFromTheEndWithTheirCheckpointsAreFoundByThePublishedCopy() throws Exception {
        Path published = hub.dataDir().resolve("audit/checkpoints.jsonl");
        assertThat(published).exists();
        JdbcTemplate jdbc = new JdbcTemplate(hub.database());
        long kept = logged - 2;
        jdbc.update("DELETE FROM hub_request_step WHERE leaf_index >= ?", kept);
        jdbc.update("DELETE FROM audit_checkpoint WHERE tree_size > ?", kept);

        // the database alone cannot tell: what is left is a complete, signed log
        Path none = proofs.resolve("no-checkpoints.jsonl");
        Files.writeString(none, "");
        assertThat(cli.run("audit", "verify", "--data-dir", hub.dataDir().toString(), "--checkpoints", none.toString())).isZero();

        // the copy kept outside it can (and audit verify reads it by default)
        assertThat(cli.run("audit", "verify", "--data-dir", hub.dataDir().toString())).isEqualTo(1);
        assertThat(cli.err()).contains("record " + kept + " is missing: published checkpoint at size " + logged)
                .contains("records deleted from its end");
    }

    @Test
    @Order(6)
    void aTamperedRecordFailsVerificationByName() {
        new JdbcTemplate(hub.database())
                .update("UPDATE hub_request_step SET detail_json = '{}' WHERE leaf_index = 7");

        assertThat(cli.run("audit", "verify", "--data-dir", hub.dataDir().toString())).isEqualTo(1);
        assertThat(cli.err()).contains("audit log does NOT verify: record 7 ").contains("was modified");
    }
}
