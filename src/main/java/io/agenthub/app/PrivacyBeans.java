package io.agenthub.app;

import io.agenthub.capability.EncoderPool;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Database;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * Personal data: {@code subjectVault} ({@link SubjectVault}, each subject's values under its own key, derived from the
 * master key) and {@code pseudonymiser} ({@link Pseudonymiser}, which replaces personal data by tokens as
 * {@code compliance/pii.yaml} describes).
 */
final class PrivacyBeans {

    private static final Logger LOG = LoggerFactory.getLogger(PrivacyBeans.class);

    /** What later areas build on. */
    record Privacy(MasterKey masterKey, SubjectVault vault, Pseudonymiser pseudonymiser) {
    }

    private PrivacyBeans() {
    }

    static Privacy bind(Wiring hub, Database database, EncoderPool encoders) throws Exception {
        MasterKey masterKey = MasterKey.load(hub.settings().text("hub.vault.master-key", ""), hub.settings().keyFiles());
        SubjectVault vault = new SubjectVault(database.dataSource(), masterKey, hub.clock());
        hub.bind("subjectVault", vault);
        Pseudonymiser pseudonymiser = pseudonymiser(hub, encoders, vault);
        hub.bind("pseudonymiser", pseudonymiser);
        return new Privacy(masterKey, vault, pseudonymiser);
    }

    /**
     * The guard that replaces personal data by tokens, as {@code compliance/pii.yaml} describes it; under
     * {@code run --reload} the file is read again when it changes.
     */
    private static Pseudonymiser pseudonymiser(Wiring hub, EncoderPool encoders, SubjectVault vault) throws Exception {
        boolean redaction = hub.settings().bool("hub.pii.redaction", true);
        if (!redaction) {
            LOG.warn("hub.pii.redaction=false: personal data in requests reaches models, logs and the database unredacted");
        }
        PersonalDataRules rules = new PersonalDataRules(hub::open, hub.json(), encoders);
        Pseudonymiser pseudonymiser = rules.start(vault, redaction);
        if (hub.reloading()) {
            FolderReload.watch(hub.context(), hub.home().dir().resolve("compliance"), false,
                    file -> file.getName().equals("pii.yaml"), rules::reload);
        }
        return pseudonymiser;
    }
}
