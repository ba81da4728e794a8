package io.agenthub.pii;

import io.agenthub.api.PiiType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@code compliance/pii.yaml}: how personal data is detected, and what becomes of each kind found. */
public record PiiSettings(Double minScore, String tagger, String taggerGate, List<String> phoneRegions,
                          Map<PiiType, PiiTreatment> treatments) {

    public PiiSettings {
        treatments = treatments == null ? Map.of() : Map.copyOf(treatments);
    }

    public static PiiSettings read(InputStream yaml) throws IOException {
        PiiSettings settings = JsonMapper.builder(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build().readValue(yaml, PiiSettings.class);
        if (settings.phoneRegions() == null || settings.phoneRegions().isEmpty()) {
            throw new IOException("pii.yaml: phoneRegions must list at least one region, e.g. [US, GB]");
        }
        if (settings.minScore() == null || settings.minScore() < 0 || settings.minScore() > 1) {
            throw new IOException("pii.yaml: minScore must be between 0 and 1");
        }
        return settings;
    }

    /** The detector these settings describe, with the tagger's version folder opened by {@code models}. */
    public PiiDetector detector(Function<String, IntentModel.VersionFiles> models, ObjectMapper json,
                                Function<String, OnnxEncoder> encoders) throws IOException {
        return detector(loadTagger(models, json, encoders), models);
    }

    /** The configured tagger; null when none is. */
    public EntityTagger loadTagger(Function<String, IntentModel.VersionFiles> models, ObjectMapper json,
                                   Function<String, OnnxEncoder> encoders) throws IOException {
        return tagger == null || tagger.isBlank() ? null : TaggerTraining.load(models.apply(tagger), tagger, json, encoders);
    }

    /** The detector with this tagger (null: none), behind the gate when one is configured. */
    public PiiDetector detector(Recognizer tagger, Function<String, IntentModel.VersionFiles> models) throws IOException {
        List<Recognizer> recognizers = new ArrayList<>(PiiRecognizers.standard(phoneRegions));
        if (tagger != null) {
            recognizers.add(taggerGate == null || taggerGate.isBlank() ? tagger : gate(models).guard(tagger));
        }
        return new PiiDetector(recognizers, minScore);
    }

    private TaggerGate gate(Function<String, IntentModel.VersionFiles> models) throws IOException {
        int slash = taggerGate.lastIndexOf('/');
        try (InputStream in = models.apply(slash < 0 ? "" : taggerGate.substring(0, slash)).open(taggerGate.substring(slash + 1))) {
            return TaggerGate.read(in);
        }
    }

    /** How values of this type are treated: as listed, else tokenised. */
    public PiiTreatment treatment(PiiType type) {
        return treatments.getOrDefault(type, PiiTreatment.TOKEN);
    }
}
