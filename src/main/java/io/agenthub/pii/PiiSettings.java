package io.agenthub.pii;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.api.PiiType;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.OnnxEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code compliance/pii.yaml}: how personal data is detected (the recognisers, {@link RecognizerRegistry}, and the
 * score a span needs), and what becomes of each kind found.
 */
public record PiiSettings(double minScore, RecognizerRegistry recognizers, Map<PiiType, PiiTreatment> treatments) {

    private static final String DEFAULT_FILE = "compliance/pii.yaml";
    private static final Set<String> FIELDS = Set.of("minScore", "recognizers", "treatments");
    /** How files written before {@code recognizers:} set the phone regions and the tagger; still read. */
    private static final Set<String> EARLIER_FIELDS = Set.of("tagger", "taggerGate", "phoneRegions");
    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public PiiSettings {
        treatments = Map.copyOf(treatments);
    }

    public static PiiSettings read(InputStream yaml) throws IOException {
        return read(yaml, DEFAULT_FILE);
    }

    /** Reads and checks the settings; a mistake is refused naming {@code file}, the recogniser and the field. */
    public static PiiSettings read(InputStream yaml, String file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IOException(file + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected minScore, recognizers and treatments");
        }
        for (Iterator<String> fields = root.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!FIELDS.contains(field) && !EARLIER_FIELDS.contains(field)) {
                throw new IOException(file + ": unknown field '" + field + "' (the fields are minScore, recognizers, treatments)");
            }
        }
        JsonNode minScore = root.path("minScore");
        if (!minScore.isNumber() || minScore.asDouble() < 0 || minScore.asDouble() > 1) {
            throw new IOException(file + ": minScore must be between 0 and 1");
        }
        RecognizerRegistry recognizers = root.has("recognizers") ? RecognizerRegistry.read(root.get("recognizers"), YAML, file)
                : earlierRegistry(root, file);
        if (root.has("recognizers")) {
            for (String earlier : EARLIER_FIELDS) {
                if (root.has(earlier)) {
                    throw new IOException(file + ": " + earlier + " is set in recognizers: now (phone-number: regions;"
                            + " entity-tagger: model, gate); remove the top-level " + earlier);
                }
            }
        }
        return new PiiSettings(minScore.asDouble(), recognizers, treatments(root.path("treatments"), recognizers.types(), file));
    }

    /** A file from before {@code recognizers:}: phoneRegions, tagger and taggerGate at the top. */
    private static RecognizerRegistry earlierRegistry(JsonNode root, String file) throws IOException {
        List<String> regions = new ArrayList<>();
        root.path("phoneRegions").forEach(region -> regions.add(region.asText()));
        if (regions.isEmpty()) {
            throw new IOException(file + ": recognizers must list the recognisers (a file from before it: phoneRegions must"
                    + " list at least one region, e.g. [US, GB])");
        }
        return RecognizerRegistry.of(regions, root.path("tagger").asText(null), root.path("taggerGate").asText(null));
    }

    private static Map<PiiType, PiiTreatment> treatments(JsonNode node, Set<PiiType> known, String file) throws IOException {
        Map<PiiType, PiiTreatment> treatments = new TreeMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return treatments;
        }
        if (!node.isObject()) {
            throw new IOException(file + ": treatments must map each type to token or drop");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey().toUpperCase(Locale.ROOT);
            PiiType type = known.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new IOException(
                    file + ": treatments: '" + field.getKey() + "' is neither a built-in type nor a custom recogniser's"
                            + " supported_entity"));
            String treatment = field.getValue().asText("").toUpperCase(Locale.ROOT);
            try {
                treatments.put(type, PiiTreatment.valueOf(treatment));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": treatments: " + field.getKey() + " is '" + field.getValue().asText()
                        + "', must be token or drop");
            }
        }
        return treatments;
    }

    /** The configured tagger's model version (e.g. {@code pii-tagger/v5}); null when it is off. */
    public String tagger() {
        return recognizers.tagger() == null ? null : recognizers.tagger().model();
    }

    /** The tagger gate's common-words list; null when there is none. */
    public String taggerGate() {
        return recognizers.taggerGate();
    }

    /** The regions of the phone recogniser; none when it is off. */
    public List<String> phoneRegions() {
        return recognizers.phoneRegions();
    }

    /** Every kind the recognisers can report: the built-in ones, then those of custom recognisers. */
    public Set<PiiType> types() {
        return recognizers.types();
    }

    /** The detector these settings describe, with the tagger's version folder opened by {@code models}. */
    public PiiDetector detector(Function<String, IntentModel.VersionFiles> models, ObjectMapper json,
                                Function<String, OnnxEncoder> encoders) throws IOException {
        return detector(loadTagger(models, json, encoders), models);
    }

    /** The configured tagger; null when none is. */
    public EntityTagger loadTagger(Function<String, IntentModel.VersionFiles> models, ObjectMapper json,
                                   Function<String, OnnxEncoder> encoders) throws IOException {
        String tagger = tagger();
        return tagger == null || tagger.isBlank() ? null : TaggerTraining.load(models.apply(tagger), tagger, json, encoders);
    }

    /** The detector with this tagger (null: none), behind the gate when one is configured. */
    public PiiDetector detector(Recognizer tagger, Function<String, IntentModel.VersionFiles> models) throws IOException {
        List<Recognizer> recognizers = new ArrayList<>(this.recognizers.patterns());
        if (tagger != null) {
            String gate = taggerGate();
            recognizers.add(gate == null || gate.isBlank() ? tagger : gate(gate, models).guard(tagger));
        }
        return new PiiDetector(recognizers, minScore);
    }

    private static TaggerGate gate(String taggerGate, Function<String, IntentModel.VersionFiles> models) throws IOException {
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
