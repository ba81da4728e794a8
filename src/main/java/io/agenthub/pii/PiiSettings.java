package io.agenthub.pii;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.slm.OnnxEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code compliance/pii.yaml}: how personal data is detected. */
public record PiiSettings(Double minScore, String tagger, List<String> phoneRegions) {

    public static PiiSettings read(InputStream yaml) throws IOException {
        PiiSettings settings = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(yaml, PiiSettings.class);
        if (settings.phoneRegions() == null || settings.phoneRegions().isEmpty()) {
            throw new IOException("pii.yaml: phoneRegions must list at least one region, e.g. [US, GB]");
        }
        if (settings.minScore() == null || settings.minScore() < 0 || settings.minScore() > 1) {
            throw new IOException("pii.yaml: minScore must be between 0 and 1");
        }
        return settings;
    }

    /** The detector these settings describe, with the tagger loaded from {@code modelsDir}. */
    public PiiDetector detector(Path modelsDir, ObjectMapper json, Function<String, OnnxEncoder> encoders) throws IOException {
        List<Recognizer> recognizers = new ArrayList<>(PiiRecognizers.standard(phoneRegions));
        if (tagger != null && !tagger.isBlank()) {
            recognizers.add(TaggerTraining.load(modelsDir.resolve(tagger), json, encoders));
        }
        return new PiiDetector(recognizers, minScore);
    }
}
