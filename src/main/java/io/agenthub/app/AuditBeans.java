package io.agenthub.app;

import io.agenthub.access.AccessAudit;
import io.agenthub.audit.AuditKeys;
import io.agenthub.audit.AuditLog;
import io.agenthub.audit.AuditSigner;
import io.agenthub.audit.CheckpointFile;
import io.agenthub.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The signed audit log: {@code auditLog} ({@link AuditLog}), which appends the committed request steps to a Merkle
 * log signed with the hub's Ed25519 key and publishes its checkpoints; and, at shutdown, the last appends.
 */
final class AuditBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AuditBeans.class);

    private AuditBeans() {
    }

    static void bind(Wiring hub, Database database, AccessAudit accessAudit) throws Exception {
        AuditSigner auditKey = AuditKeys.signer(hub.settings().text("hub.audit.signing-key", ""), hub.settings().keyFiles());
        LOG.info("Audit log signed by Ed25519 key {} (public key: {})", AuditSigner.keyId(auditKey.publicKey()),
                auditKey.publicKeyText());
        Path published = hub.settings().auditCheckpointFile();
        AuditLog auditLog = new AuditLog(database.dataSource(), auditKey, hub.clock(),
                hub.settings().atLeast("hub.audit.batch-size", 500, 1),
                checkpoint -> {
                    try {
                        CheckpointFile.append(published, checkpoint);
                    } catch (IOException e) {
                        // The database holds the checkpoint; only the outside copy of this one is missing.
                        LOG.error("Audit checkpoint at size {} could not be published to {}: {}", checkpoint.treeSize(),
                                published, e.getMessage());
                    }
                });
        hub.bind("auditLog", auditLog);
        // On shutdown, after the routes have drained and before the database closes, log the last events.
        if (hub.settings().bool("hub.audit.enabled", true)) {
            hub.closeOnStop(auditLog::appendPending);
        }
        // Stopped before the audit log's last append (services stop in reverse), so its refusals are in it.
        hub.closeOnStop(accessAudit::flush);
    }
}
