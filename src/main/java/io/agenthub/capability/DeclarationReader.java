package io.agenthub.capability;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code processors/*.yaml}. Every field must be one its place knows and every required one must be there, so a
 * typo stops the hub at start (or a reload is refused) with the file, the tier and the field named:
 * {@code processors/banking77-intent.yaml: tier 'ensemble' (tiers[1]): unknown field 'treshold'; kind encoder-head takes ...}.
 */
public final class DeclarationReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY);
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final String KINDS = Arrays.stream(TierKind.values()).map(TierKind::declared).collect(Collectors.joining(", "));

    private DeclarationReader() {
    }

    /**
     * The declaration in {@code yaml}.
     *
     * @param source how messages name the file, e.g. {@code processors/banking77-intent.yaml}
     * @throws IOException that names the file, the tier and the field when the file is not a valid declaration
     */
    public static CapabilityDeclaration read(String source, InputStream yaml) throws IOException {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IOException(source + ": not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IOException(source + ": not a capability declaration (capability:, tiers:)");
        }
        try {
            return YAML.treeToValue(tree, CapabilityDeclaration.class);
        } catch (JsonMappingException e) {
            throw new IOException(source + ": " + where(e.getPath(), tree) + what(e), e);
        }
    }

    /** The tier, when the mistake is in one, and the field path inside it. */
    private static String where(List<JsonMappingException.Reference> path, JsonNode tree) {
        StringBuilder at = new StringBuilder();
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference step = path.get(i);
            if (i == 1 && "tiers".equals(path.get(0).getFieldName()) && step.getIndex() >= 0) {
                String name = tree.path("tiers").path(step.getIndex()).path("name").asText("");
                at.append("tier ").append(name.isEmpty() ? "" : "'" + name + "' ").append("(tiers[").append(step.getIndex()).append("]): ");
                fields.clear();
            } else if (step.getFieldName() != null) {
                fields.add(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                fields.add("[" + step.getIndex() + "]");
            }
        }
        return fields.isEmpty() ? at.toString() : at + "field '" + String.join(".", fields).replace(".[", "[") + "': ";
    }

    private static String what(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            // the path ends with the unknown field itself
            Object known = unknown.getKnownPropertyIds() == null ? List.of()
                    : new TreeSet<>(unknown.getKnownPropertyIds().stream().map(String::valueOf).toList());
            String kind = kindOf(unknown.getReferringClass());
            return "unknown field; " + (kind == null ? "known fields: " : "kind " + kind + " takes ") + known
                    .toString().replaceAll("[\\[\\]]", "");
        }
        if (e instanceof InvalidTypeIdException badKind) {
            return badKind.getTypeId() == null ? "no kind; kind: is one of " + KINDS
                    : "unknown kind '" + badKind.getTypeId() + "'; kind: is one of " + KINDS;
        }
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return invalid.getCause().getMessage();
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing required creator property")) {
            Matcher field = QUOTED.matcher(message);
            return "missing field " + (field.find() ? "'" + field.group(1) + "'" : "");
        }
        return message;
    }

    /** The {@code kind:} of a tier declaration class; null for what is not a tier. */
    private static String kindOf(Class<?> type) {
        for (JsonSubTypes.Type subtype : TierDeclaration.class.getAnnotation(JsonSubTypes.class).value()) {
            if (subtype.value().equals(type)) {
                return subtype.name();
            }
        }
        return null;
    }
}
