package io.agenthub.audit;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Checks the stored audit log end to end with nothing but the database and the public key: every
 * record's place, content hash and signature in log order, then every checkpoint's signature and root.
 * It stops at the first bad record and names it: a modified record no longer matches its hash, a moved
 * or forged one fails its signature, a deleted one leaves a gap or a checkpoint larger than the log.
 */
public final class AuditVerifier {

    /** @param problem the first thing found wrong, or null when the log verifies */
    public record Report(long records, int checkpoints, long pending, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final JdbcTemplate jdbc;
    private final AuditStore store;
    private final PublicKey publicKey;

    public AuditVerifier(DataSource dataSource, PublicKey publicKey) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.store = new AuditStore(dataSource);
        this.publicKey = publicKey;
    }

    public Report verify() {
        return verify(List.of());
    }

    /**
     * @param published checkpoints kept outside the database ({@link CheckpointFile}): each must hold for the
     *                  stored log too, so records deleted from its end with their checkpoints are found
     */
    public Report verify(List<AuditStore.Checkpoint> published) {
        List<Due> checkpoints = new ArrayList<>();
        try {
            store.checkpoints().forEach(c -> checkpoints.add(new Due(c, "checkpoint")));
        } catch (IllegalArgumentException e) {
            return new Report(0, 0, 0, "a checkpoint is unreadable: " + e.getMessage());
        }
        int stored = checkpoints.size();
        published.forEach(c -> checkpoints.add(new Due(c, "published checkpoint")));
        checkpoints.sort(Comparator.comparingLong(d -> d.checkpoint().treeSize()));
        long pending = count("SELECT COUNT(*) FROM hub_request_step WHERE leaf_index IS NULL");
        // One pass in log order: each record is checked, then folded into the tree, whose root is compared
        // with every checkpoint of that size as the pass reaches it.
        MerkleFrontier tree = new MerkleFrontier();
        Iterator<Due> due = checkpoints.iterator();
        Due[] next = {due.hasNext() ? due.next() : null};
        String[] problem = {null};
        jdbc.query("SELECT " + AuditStore.RECORD_COLUMNS + ", leaf_index, leaf_hash, leaf_signature FROM hub_request_step"
                + " WHERE leaf_index IS NOT NULL ORDER BY leaf_index", rs -> {
            if (problem[0] != null) {
                return;
            }
            long position = tree.size();
            AuditRecord record = AuditStore.RECORD.mapRow(rs, (int) Math.min(position, Integer.MAX_VALUE));
            problem[0] = check(position, rs.getLong("leaf_index"), record, rs.getString("leaf_hash"),
                    rs.getString("leaf_signature"));
            if (problem[0] != null) {
                return;
            }
            tree.append(HexFormat.of().parseHex(rs.getString("leaf_hash")));
            while (problem[0] == null && next[0] != null && next[0].checkpoint().treeSize() <= tree.size()) {
                problem[0] = check(next[0], tree);
                next[0] = due.hasNext() ? due.next() : null;
            }
        });
        if (problem[0] == null && next[0] != null) {
            problem[0] = check(next[0], tree);
        }
        return new Report(tree.size(), stored, pending, problem[0]);
    }

    private String check(long position, long index, AuditRecord record, String storedHash, String storedSignature) {
        String name = "record " + position + " (step " + record.stepId()
                + (record.requestId() == null ? ", " + record.step() : " of request " + record.requestId()) + ")";
        if (index != position) {
            return "record " + position + " is missing: the next record in the log has index " + index
                    + " (deleted, or the records were renumbered)";
        }
        byte[] hash;
        byte[] signature;
        try {
            hash = HexFormat.of().parseHex(storedHash);
            signature = Base64.getDecoder().decode(storedSignature);
        } catch (RuntimeException e) {
            return name + ": its stored hash or signature is unreadable";
        }
        if (!MessageDigest.isEqual(hash, record.leafHash())) {
            return name + " was modified: its content no longer matches the hash it was logged with";
        }
        if (!AuditSigner.verify(publicKey, AuditRecord.signedPlace(index, hash), signature)) {
            return name + ": its signature does not hold for this place in the log (inserted, moved or re-hashed)";
        }
        return null;
    }

    /** A checkpoint to meet in the pass, and where it came from (the database, or a published copy). */
    private record Due(AuditStore.Checkpoint checkpoint, String origin) {
    }

    /** A checkpoint met when the pass has folded exactly its number of records, or after the last record. */
    private String check(Due due, MerkleFrontier tree) {
        AuditStore.Checkpoint checkpoint = due.checkpoint();
        String name = due.origin() + " at size " + checkpoint.treeSize() + " (signed " + checkpoint.signedAt() + ")";
        if (!AuditSigner.verify(publicKey, AuditRecord.signedCheckpoint(checkpoint.treeSize(), checkpoint.root(),
                checkpoint.signedAt()), checkpoint.signature())) {
            return name + ": its signature does not hold (forged or altered checkpoint, or another key)";
        }
        if (checkpoint.treeSize() > tree.size()) {
            return "record " + tree.size() + " is missing: " + name + " covers " + checkpoint.treeSize()
                    + " records but the log holds " + tree.size() + " (records deleted from its end)";
        }
        if (checkpoint.treeSize() < tree.size() || !MessageDigest.isEqual(tree.root(), checkpoint.root())) {
            return name + ": the log's first " + checkpoint.treeSize() + " records no longer hash to its root";
        }
        return null;
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }
}
