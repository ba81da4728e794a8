package io.agenthub.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/** Reads of the stored audit log: its leaf hashes in log order and its signed checkpoints. */
public final class AuditStore {

    /** A signed tree head as stored. */
    public record Checkpoint(long treeSize, byte[] root, String signedAt, String keyId, byte[] signature) {
    }

    static final String RECORD_COLUMNS = "step_id, request_id, step, recorded_at, detail_json";
    static final RowMapper<AuditRecord> RECORD = (rs, i) -> new AuditRecord(rs.getLong("step_id"),
            rs.getString("request_id"), rs.getString("step"), rs.getTimestamp("recorded_at").toInstant(),
            rs.getString("detail_json"));

    private final JdbcTemplate jdbc;

    public AuditStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    void forEachLeafHash(Consumer<byte[]> leaf) {
        jdbc.query("SELECT leaf_hash FROM hub_request_step WHERE leaf_index IS NOT NULL ORDER BY leaf_index",
                rs -> {
                    leaf.accept(HexFormat.of().parseHex(rs.getString(1)));
                });
    }

    /** The log as its stored leaf hashes say, for proofs. */
    public MerkleTree tree() {
        List<byte[]> leaves = new ArrayList<>();
        forEachLeafHash(leaves::add);
        return new MerkleTree(leaves);
    }

    /** @throws IllegalArgumentException when a stored checkpoint is unreadable */
    public List<Checkpoint> checkpoints() {
        return jdbc.query("SELECT tree_size, root_hash, signed_at, key_id, signature FROM audit_checkpoint ORDER BY tree_size",
                AuditStore::checkpoint);
    }

    private static Checkpoint checkpoint(ResultSet rs, int row) throws SQLException {
        return new Checkpoint(rs.getLong(1), HexFormat.of().parseHex(rs.getString(2)), rs.getString(3), rs.getString(4),
                Base64.getDecoder().decode(rs.getString(5)));
    }
}
