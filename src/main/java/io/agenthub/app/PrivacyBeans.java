package io.agenthub.app;

import io.agenthub.capability.EncoderPool;
import io.agenthub.pii.EntityTagger;
import io.agenthub.pii.PiiDetector;
import io.agenthub.pii.PiiSettings;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.store.Database;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

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

    static Privacy bind(Wiring hub, Database database, EncoderPool encoders) throws IOException {
        MasterKey masterKey = MasterKey.load(hub.settings().text("hub.vault.master-key", ""), hub.settings().keyFiles());
        SubjectVault vault = new SubjectVault(database.dataSource(), masterKey, hub.clock());
        hub.bind("subjectVault", vault);
        Pseudonymiser pseudonymiser = pseudonymiser(hub, encoders, vault);
        hub.bind("pseudonymiser", pseudonymiser);
        return new Privacy(masterKey, vault, pseudonymiser);
    }

    private static Pseudonymiser pseudonymiser(Wiring hub, EncoderPool encoders, SubjectVault vault) throws IOException {
        PiiSettings pii;
        try (InputStream in = hub.open("compliance/pii.yaml")) {
            pii = PiiSettings.read(in);
        }
        boolean redaction = hub.settings().bool("hub.pii.redaction", true);
        if (!redaction) {
            LOG.warn("hub.pii.redaction=false: personal data in requests reaches models, logs and the database unredacted");
        }
        Function<String, IntentModel.VersionFiles> models = model -> name -> hub.open("models/" + model + "/" + name);
        EntityTagger tagger = pii.loadTagger(models, hub.json(), id -> (OnnxEncoder) encoders.catalog().get(id));
        // The tagger's encoder passes are batched with those of every other request at the door.
        PiiDetector detector = pii.detector(tagger == null ? null : tagger.withTokenStates(
                encoders.tokenBatcher(tagger.encoder().id())::submitAndWait), models);
        return new Pseudonymiser(detector, pii::treatment, vault, redaction);
    }
}
