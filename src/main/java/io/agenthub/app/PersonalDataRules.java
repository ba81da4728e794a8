package io.agenthub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.capability.EncoderPool;
import io.agenthub.pii.EntityTagger;
import io.agenthub.pii.PiiDetector;
import io.agenthub.pii.PiiSettings;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;
import io.agenthub.vault.SubjectVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code compliance/pii.yaml} as the running hub applies it: read at start (a mistake stops the start), and again
 * under {@code run --reload} when the file changes, so a compliance officer's new recogniser or treatment applies
 * to the next request. A file with a mistake is refused with its error logged and the rules in use kept. The
 * tagger is loaded again only when its model changes.
 */
final class PersonalDataRules {

    static final String FILE = "compliance/pii.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataRules.class);

    /** Opens a file of the hub's home, such as compliance/pii.yaml. */
    @FunctionalInterface
    interface Files {
        InputStream open(String relative) throws IOException;
    }

    private final Files files;
    private final ObjectMapper json;
    private final EncoderPool encoders;
    private Pseudonymiser pseudonymiser;
    private String taggerModel;
    private EntityTagger tagger;

    PersonalDataRules(Files files, ObjectMapper json, EncoderPool encoders) {
        this.files = files;
        this.json = json;
        this.encoders = encoders;
    }

    /** The guard at the door with the rules of the file as it is now. */
    Pseudonymiser start(SubjectVault vault, boolean redaction) throws IOException {
        PiiSettings settings = read();
        pseudonymiser = new Pseudonymiser(detector(settings), settings::treatment, vault, redaction);
        return pseudonymiser;
    }

    /** Reads the file again; a mistake keeps the rules in use. */
    synchronized void reload() {
        try {
            PiiSettings settings = read();
            pseudonymiser.use(detector(settings), settings::treatment);
            LOG.info("{} reloaded: {} recognisers on, custom {}", FILE, settings.recognizers().patterns().size()
                    + (settings.tagger() == null ? 0 : 1), settings.recognizers().custom().stream()
                    .map(c -> c.name()).toList());
        } catch (IOException | RuntimeException e) {
            LOG.error("{} not reloaded, the rules in use are kept: {}", FILE, e.getMessage());
        }
    }

    private PiiSettings read() throws IOException {
        try (InputStream in = files.open(FILE)) {
            return PiiSettings.read(in, FILE);
        }
    }

    /** The detector of these settings, its tagger's encoder passes batched with every other request's at the door. */
    private PiiDetector detector(PiiSettings settings) throws IOException {
        Function<String, IntentModel.VersionFiles> models = model -> name -> files.open("models/" + model + "/" + name);
        if (!Objects.equals(settings.tagger(), taggerModel)) {
            EntityTagger loaded = settings.loadTagger(models, json, id -> (OnnxEncoder) encoders.catalog().get(id));
            tagger = loaded == null ? null : loaded.withTokenStates(encoders.tokenBatcher(loaded.encoder().id())::submitAndWait);
            taggerModel = settings.tagger();
        }
        return settings.detector(tagger, models);
    }
}
