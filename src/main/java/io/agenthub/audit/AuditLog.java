package io.agenthub.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit log's appender and reader. Audit events are written by whoever records a request's state, in
 * the same transaction (an outbox); {@link #appendPending} then appends them, in the order they became
 * visible, to the Merkle log: each gets the next leaf index, its leaf hash and a signature, and every
 * batch ends with a signed checkpoint of the new tree size and root, all in one transaction.
 */
public final class AuditLog {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditStore store;
    private final AuditSigner signer;
    private final Clock clock;
    private final int batchSize;
    private final Consumer<AuditStore.Checkpoint> publisher;
    /** The log's right edge, loaded from the stored leaf hashes on first use. */
    private MerkleFrontier frontier;

    public AuditLog(DataSource dataSource, AuditSigner signer, Clock clock, int batchSize) {
        this(dataSource, signer, clock, batchSize, checkpoint -> { });
    }

    /** @param publisher given every checkpoint once its batch is committed, to keep a copy outside the database */
    public AuditLog(DataSource dataSource, AuditSigner signer, Clock clock, int batchSize,
                    Consumer<AuditStore.Checkpoint> publisher) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.store = new AuditStore(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.signer = signer;
        this.clock = clock;
        this.batchSize = batchSize;
        this.publisher = publisher;
    }

    /** Appends every event not yet in the log, a batch per transaction; returns how many. */
    public synchronized int appendPending() {
        int appended = 0;
        int batch;
        do {
            batch = appendBatch();
            appended += batch;
        } while (batch == batchSize);
        return appended;
    }

    private int appendBatch() {
        if (frontier == null) {
            frontier = load();
        }
        AuditStore.Checkpoint[] signed = {null};
        try {
            Integer appended = tx.execute(status -> {
                List<AuditRecord> pending = jdbc.query("SELECT " + AuditStore.RECORD_COLUMNS + " FROM hub_request_step"
                        + " WHERE leaf_index IS NULL ORDER BY step_id FETCH FIRST " + batchSize + " ROWS ONLY", AuditStore.RECORD);
                List<Object[]> places = new ArrayList<>(pending.size());
                for (AuditRecord record : pending) {
                    long index = frontier.size();
                    byte[] leaf = record.leafHash();
                    byte[] signature = signer.sign(AuditRecord.signedPlace(index, leaf));
                    places.add(new Object[] {index, HexFormat.of().formatHex(leaf), Base64.getEncoder().encodeToString(signature),
                            record.stepId()});
                    frontier.append(leaf);
                }
                // "leaf_index IS NULL" would lead H2 to the leaf index, where every pending event sits under NULL, so
                // each update would walk the whole backlog; wrapped in COALESCE it is only checked, on the row the
                // primary key finds.
                int[] updated = jdbc.batchUpdate("UPDATE hub_request_step SET leaf_index = ?, leaf_hash = ?, leaf_signature = ?"
                        + " WHERE step_id = ? AND COALESCE(leaf_index, -1) = -1", places);
                for (int i = 0; i < updated.length; i++) {
                    if (updated[i] != 1) {
                        throw new IllegalStateException("audit event " + pending.get(i).stepId() + " was appended by another writer");
                    }
                }
                if (!pending.isEmpty()) {
                    signed[0] = checkpoint(frontier.size(), frontier.root());
                }
                return pending.size();
            });
            if (signed[0] != null) {
                publisher.accept(signed[0]);
            }
            return appended == null ? 0 : appended;
        } catch (RuntimeException e) {
            // The transaction rolled back: the frontier may hold leaves that were never stored.
            frontier = null;
            throw e;
        }
    }

    private AuditStore.Checkpoint checkpoint(long size, byte[] root) {
        String signedAt = clock.instant().toString();
        byte[] signature = signer.sign(AuditRecord.signedCheckpoint(size, root, signedAt));
        String keyId = AuditSigner.keyId(signer.publicKey());
        jdbc.update("INSERT INTO audit_checkpoint (tree_size, root_hash, signed_at, key_id, signature) VALUES (?,?,?,?,?)",
                size, HexFormat.of().formatHex(root), signedAt, keyId, Base64.getEncoder().encodeToString(signature));
        return new AuditStore.Checkpoint(size, root.clone(), signedAt, keyId, signature);
    }

    private MerkleFrontier load() {
        MerkleFrontier loaded = new MerkleFrontier();
        store.forEachLeafHash(loaded::append);
        return loaded;
    }
}
