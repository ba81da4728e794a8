package io.agenthub.pii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.agenthub.api.PiiType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The recognisers {@code compliance/pii.yaml} declares ({@code recognizers:}), checked: every predefined one listed,
 * on or off, and every custom one with a pattern that compiles, a score, a kind a token can carry and a known check.
 * A mistake is refused at start naming the file, the recogniser and the field, never found on the first request.
 * Every predefined recogniser must be listed, so switching one off is always a visible line of the file, and a
 * recogniser a later version adds is a decision for whoever keeps the file.
 */
public final class RecognizerRegistry {

    private static final Set<String> PREDEFINED = new LinkedHashSet<>(PiiRecognizers.names());

    /** In the file's order. */
    private final List<RecognizerDeclaration> declarations;

    private RecognizerRegistry(List<RecognizerDeclaration> declarations) {
        this.declarations = List.copyOf(declarations);
    }

    /**
     * The registry of a file written before {@code recognizers:} existed: every predefined pattern recogniser on, the
     * phone recogniser with {@code phoneRegions}, the tagger when {@code tagger:} names a model.
     */
    static RecognizerRegistry of(List<String> phoneRegions, String tagger, String taggerGate) {
        List<RecognizerDeclaration> declarations = new ArrayList<>();
        for (String name : PREDEFINED) {
            declarations.add(switch (name) {
                case PiiRecognizers.PHONE -> new RecognizerDeclaration.PhoneNumbers(name, null, true, phoneRegions);
                case PiiRecognizers.TAGGER -> new RecognizerDeclaration.Tagger(name, null, tagger != null && !tagger.isBlank(),
                        tagger, taggerGate);
                default -> new RecognizerDeclaration.Predefined(name, null, true);
            });
        }
        return new RecognizerRegistry(declarations);
    }

    /** Reads and checks the {@code recognizers:} list of {@code file}. */
    static RecognizerRegistry read(JsonNode list, ObjectMapper yaml, String file) throws IOException {
        if (!list.isArray()) {
            throw new IOException(file + ": recognizers must be a list of recognisers, each with a name");
        }
        Map<String, RecognizerDeclaration> byName = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            if (!entry.isObject() || !entry.path("name").isTextual() || entry.path("name").asText().isBlank()) {
                throw new IOException(file + ": recognizers, entry " + (i + 1) + ": a recogniser needs a name");
            }
            String name = entry.path("name").asText();
            String where = file + ": recogniser '" + name + "'";
            if (byName.containsKey(name)) {
                throw new IOException(where + " is listed twice");
            }
            RecognizerDeclaration declaration = declaration(entry, name, where, yaml);
            check(declaration, where);
            byName.put(name, declaration);
        }
        List<String> missing = PREDEFINED.stream().filter(name -> !byName.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new IOException(file + ": predefined recogniser" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not listed: list each by name, with enabled: false to switch it off");
        }
        return new RecognizerRegistry(new ArrayList<>(byName.values()));
    }

    private static RecognizerDeclaration declaration(JsonNode entry, String name, String where, ObjectMapper yaml)
            throws IOException {
        String type = entry.path("type").isMissingNode() ? null : entry.path("type").asText();
        if (type != null && !type.equals("predefined") && !type.equals("custom")) {
            throw new IOException(where + ", field 'type': '" + type + "' is neither predefined nor custom");
        }
        boolean custom = "custom".equals(type) || (type == null && entry.has("patterns"));
        if (custom && PREDEFINED.contains(name)) {
            throw new IOException(where + ", field 'name': a predefined recogniser is called so; give the custom one another name");
        }
        if (!custom && !PREDEFINED.contains(name)) {
            throw new IOException(where + ", field 'name': no predefined recogniser is called so (they are "
                    + String.join(", ", PREDEFINED) + "); a custom recogniser has type: custom and patterns");
        }
        Class<? extends RecognizerDeclaration> kind = custom ? RecognizerDeclaration.Custom.class
                : switch (name) {
                    case PiiRecognizers.PHONE -> RecognizerDeclaration.PhoneNumbers.class;
                    case PiiRecognizers.TAGGER -> RecognizerDeclaration.Tagger.class;
                    default -> RecognizerDeclaration.Predefined.class;
                };
        try {
            return yaml.treeToValue(entry, kind);
        } catch (UnrecognizedPropertyException e) {
            throw new IOException(where + ": unknown field '" + e.getPropertyName() + "' (a " + (custom ? "custom" : "predefined")
                    + " recogniser's fields are " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", ")) + ")");
        } catch (JsonProcessingException e) {
            String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping
                    ? mapping.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[") : "?";
            throw new IOException(where + ", field '" + field + "': " + e.getOriginalMessage());
        }
    }

    private static void check(RecognizerDeclaration declaration, String where) throws IOException {
        if (declaration instanceof RecognizerDeclaration.PhoneNumbers phones) {
            if (phones.isEnabled() && (phones.regions() == null || phones.regions().isEmpty())) {
                throw new IOException(where + ", field 'regions': list at least one region, e.g. [US, GB]");
            }
            Set<String> supported = PhoneNumberUtil.getInstance().getSupportedRegions();
            for (String region : phones.regions() == null ? List.<String>of() : phones.regions()) {
                if (!supported.contains(region)) {
                    throw new IOException(where + ", field 'regions': '" + region + "' is not an ISO 3166 region"
                            + " libphonenumber knows (upper case, e.g. GB)" + (region.equals("false") || region.equals("true")
                            ? "; YAML reads an unquoted NO, YES, ON or OFF as a yes or no: quote it, \"NO\"" : ""));
                }
            }
        } else if (declaration instanceof RecognizerDeclaration.Tagger tagger) {
            if (tagger.isEnabled() && (tagger.model() == null || tagger.model().isBlank())) {
                throw new IOException(where + ", field 'model': name the tagger's version folder under models/,"
                        + " e.g. pii-tagger/v5, or set enabled: false");
            }
        } else if (declaration instanceof RecognizerDeclaration.Custom custom) {
            checkCustom(custom, where);
        }
    }

    private static void checkCustom(RecognizerDeclaration.Custom custom, String where) throws IOException {
        if (!PiiType.isTypeName(custom.supportedEntity())) {
            throw new IOException(where + ", field 'supported_entity': " + (custom.supportedEntity() == null ? "missing"
                    : "'" + custom.supportedEntity() + "' is not a type a token can carry") + " (upper-case letters and"
                    + " underscores, at most 24, e.g. NL_BSN)");
        }
        if (custom.supportedLanguage() != null && !custom.supportedLanguage().matches("[a-z]{2}")) {
            throw new IOException(where + ", field 'supported_language': '" + custom.supportedLanguage()
                    + "' is not an ISO 639-1 code such as en");
        }
        if (custom.patterns() == null || custom.patterns().isEmpty()) {
            throw new IOException(where + ", field 'patterns': a custom recogniser needs at least one pattern"
                    + " {name, regex, score}");
        }
        for (int i = 0; i < custom.patterns().size(); i++) {
            checkPattern(custom.patterns().get(i), where + ", field 'patterns[" + i + "]");
        }
        List<String> context = custom.context() == null ? List.of() : custom.context();
        if (context.stream().anyMatch(word -> word == null || word.isBlank())) {
            throw new IOException(where + ", field 'context': a context word is empty");
        }
        if (Boolean.TRUE.equals(custom.contextRequired()) && context.isEmpty()) {
            throw new IOException(where + ", field 'context_required': there are no context words to require");
        }
        if (custom.checksum() != null && Checksum.named(custom.checksum()).isEmpty()) {
            throw new IOException(where + ", field 'checksum': unknown checksum '" + custom.checksum() + "' (one of "
                    + java.util.Arrays.stream(Checksum.values()).map(Checksum::yamlName).collect(Collectors.joining(", ")) + ")");
        }
    }

    private static void checkPattern(RecognizerDeclaration.Custom.Pattern pattern, String where) throws IOException {
        if (pattern == null) {
            throw new IOException(where + "': empty pattern");
        }
        if (pattern.name() == null || pattern.name().isBlank()) {
            throw new IOException(where + ".name': a pattern needs a name");
        }
        if (pattern.regex() == null || pattern.regex().isEmpty()) {
            throw new IOException(where + ".regex': missing");
        }
        java.util.regex.Pattern compiled;
        try {
            compiled = java.util.regex.Pattern.compile(pattern.regex());
        } catch (PatternSyntaxException e) {
            throw new IOException(where + ".regex': not a regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at character " + e.getIndex() : ""));
        }
        if (pattern.score() == null || pattern.score().isNaN() || pattern.score() < 0 || pattern.score() > 1) {
            throw new IOException(where + ".score': " + (pattern.score() == null ? "missing" : pattern.score())
                    + ", must be between 0 and 1");
        }
        int groups = compiled.matcher("").groupCount();
        if (pattern.group() != null && (pattern.group() < 0 || pattern.group() > groups)) {
            throw new IOException(where + ".group': " + pattern.group() + ", but the regex has " + groups + " capturing group"
                    + (groups == 1 ? "" : "s"));
        }
    }

    /**
     * The pattern recognisers that are on, in the order they run: the predefined ones in their own order
     * ({@link PiiRecognizers#predefined}), whatever the file's, then the custom ones in the file's. The tagger is not
     * among them: it is loaded from its model ({@link #tagger()}) and runs after them.
     */
    public List<Recognizer> patterns() {
        Map<String, Recognizer> predefined = PiiRecognizers.predefined(phoneRegions());
        List<Recognizer> on = new ArrayList<>();
        for (Map.Entry<String, Recognizer> entry : predefined.entrySet()) {
            if (declared(entry.getKey()).isEnabled()) {
                on.add(entry.getValue());
            }
        }
        for (RecognizerDeclaration declaration : declarations) {
            if (declaration instanceof RecognizerDeclaration.Custom custom && custom.isEnabled()) {
                on.addAll(recognizers(custom));
            }
        }
        return on;
    }

    private static List<Recognizer> recognizers(RecognizerDeclaration.Custom custom) {
        PiiType type = PiiType.valueOf(custom.supportedEntity());
        String[] context = (custom.context() == null ? List.<String>of() : custom.context()).stream()
                .map(word -> word.toLowerCase(Locale.ROOT)).toArray(String[]::new);
        Checksum checksum = custom.checksum() == null ? Checksum.NONE : Checksum.named(custom.checksum()).orElseThrow();
        List<Recognizer> recognizers = new ArrayList<>();
        for (RecognizerDeclaration.Custom.Pattern pattern : custom.patterns()) {
            PatternRecognizer recognizer = PatternRecognizer.of(custom.name(), type, pattern.regex(), pattern.score())
                    .group(pattern.group() == null ? 0 : pattern.group())
                    .validatedBy(checksum.rule());
            if (context.length > 0) {
                recognizer = Boolean.TRUE.equals(custom.contextRequired()) ? recognizer.onlyAfter(context) : recognizer.context(context);
            }
            recognizers.add(recognizer);
        }
        return recognizers;
    }

    /** The tagger's declaration when it is on; null when it is off. */
    public RecognizerDeclaration.Tagger tagger() {
        return declared(PiiRecognizers.TAGGER) instanceof RecognizerDeclaration.Tagger tagger && tagger.isEnabled() ? tagger : null;
    }

    /** The gate's word list, whether the tagger is on or not (pii train evaluates a tagger behind it either way). */
    public String taggerGate() {
        return declared(PiiRecognizers.TAGGER) instanceof RecognizerDeclaration.Tagger tagger ? tagger.gate() : null;
    }

    /** The regions of the phone recogniser; none when it is off. */
    public List<String> phoneRegions() {
        return declared(PiiRecognizers.PHONE) instanceof RecognizerDeclaration.PhoneNumbers phones && phones.isEnabled()
                ? List.copyOf(phones.regions()) : List.of();
    }

    /** The predefined recognisers switched off, in the file's order. */
    public List<String> switchedOff() {
        return declarations.stream().filter(d -> !(d instanceof RecognizerDeclaration.Custom) && !d.isEnabled())
                .map(RecognizerDeclaration::name).toList();
    }

    /** The custom recognisers, on or off, in the file's order. */
    public List<RecognizerDeclaration.Custom> custom() {
        return declarations.stream().filter(d -> d instanceof RecognizerDeclaration.Custom)
                .map(d -> (RecognizerDeclaration.Custom) d).toList();
    }

    /** Every kind these recognisers can report: the built-in ones, then those of custom recognisers. */
    public Set<PiiType> types() {
        Set<PiiType> types = new TreeSet<>(List.of(PiiType.values()));
        custom().forEach(c -> types.add(PiiType.valueOf(c.supportedEntity())));
        return types;
    }

    private RecognizerDeclaration declared(String name) {
        return declarations.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }
}
