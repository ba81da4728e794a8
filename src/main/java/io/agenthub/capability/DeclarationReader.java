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
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads {@code processors/*.yaml}. Every field must be one its place knows and every required one must be there, so a
 * typo stops the hub at start (or a reload is refused) with the file, the tier and the field named:
 * {@code processors/banking77-intent.yaml: tier 'ensemble' (tiers[1]): unknown field 'treshold'; kind encoder-head takes ...}.
 */
public final class DeclarationReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final String KINDS = Arrays.stream(TierKind.values()).map(TierKind::declared).collect(Collectors.joining(", "));

    private DeclarationReader() {
    }

    /**
     * The declaration in {@code yaml}.
     *
     * @param source how messages name the file, e.g. {@code processors/banking77-intent.yaml}
     * @throws IllegalArgumentException that names the file, the tier and the field when the file is not a valid
     *                                  declaration (unchecked, so the hub's start fails with exactly that message)
     * @throws IOException              when the file cannot be read
     */
    public static CapabilityDeclaration read(String source, InputStream yaml) throws IOException {
        JsonNode tree;
        try {
            tree = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ": not YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(source + ": not a capability declaration (capability:, tiers:)");
        }
        try {
            return YAML.treeToValue(tree, CapabilityDeclaration.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(source + ": " + explain(e, tree), e);
        }
    }

    private static String explain(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        StringBuilder tier = new StringBuilder();
        List<String> fields = new ArrayList<>();
        JsonNode at = tree;
        JsonNode parent = tree;
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference step = path.get(i);
            parent = at;
            at = step.getFieldName() != null ? at.path(step.getFieldName()) : at.path(step.getIndex());
            if (i == 1 && "tiers".equals(path.get(0).getFieldName()) && step.getIndex() >= 0) {
                String name = at.path("name").asText("");
                tier.append("tier ").append(name.isEmpty() ? "" : "'" + name + "' ").append("(tiers[").append(step.getIndex()).append("]): ");
                fields.clear();
            } else {
                fields.add(step.getFieldName() != null ? step.getFieldName() : "[" + step.getIndex() + "]");
            }
        }
        String field = String.join(".", fields).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException unknown) {
            return tier + unknownField(field, unknown.getReferringClass());
        }
        if (e instanceof InvalidTypeIdException badKind) {
            return tier + (badKind.getTypeId() == null ? "no kind" : "unknown kind '" + badKind.getTypeId() + "'")
                    + "; kind: is one of " + KINDS;
        }
        String message = e.getOriginalMessage();
        if (message.startsWith("Missing required creator property") && !path.isEmpty()) {
            // Jackson reports a missing field before an unknown one; a misspelt required field is both, and the
            // misspelling is what to fix
            Class<?> type = owner(path.get(path.size() - 1));
            for (Iterator<String> names = parent.fieldNames(); type != null && names.hasNext(); ) {
                String name = names.next();
                if (!"kind".equals(name) && !properties(type).contains(name)) {
                    fields.set(fields.size() - 1, name);
                    return tier + unknownField(String.join(".", fields).replace(".[", "["), type);
                }
            }
            return tier + "missing field '" + field + "'";
        }
        String where = field.isEmpty() ? "" : "field '" + field + "': ";
        if (e instanceof ValueInstantiationException invalid && invalid.getCause() != null) {
            return tier + where + invalid.getCause().getMessage();
        }
        return tier + where + message;
    }

    private static String unknownField(String field, Class<?> type) {
        String kind = kindOf(type);
        return "unknown field '" + field + "'; " + (kind == null ? "known fields: " : "kind " + kind + " takes ")
                + String.join(", ", properties(type));
    }

    /** The fields a declaration class takes, sorted. */
    private static Set<String> properties(Class<?> type) {
        return YAML.getDeserializationConfig().introspect(YAML.constructType(type)).findProperties().stream()
                .map(BeanPropertyDefinition::getName).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The class whose field a path step names. */
    private static Class<?> owner(JsonMappingException.Reference step) {
        Object from = step.getFrom();
        return from instanceof Class<?> type ? type : from == null ? null : from.getClass();
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
