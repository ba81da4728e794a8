package io.agenthub.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.api.ReplyKey;
import org.apache.commons.text.StringSubstitutor;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One message template file, {@code routes/messages/<tenant or default>/<language>.yaml}: its {@code version}, and a
 * text per key with {@code ${placeholder}}s. Checked when read: every key is one the flows use, every placeholder one
 * its key has, so a typo is refused at start (or on reload) naming the file and the key.
 *
 * @param label   {@code default/en}, {@code demo-bank/en}: what a stored answer names
 * @param digest  the first 8 hex digits of the file's SHA-256, so a text edited without a new version still tells
 */
public record MessageFile(String label, String version, String digest, Map<ReplyKey, String> texts) {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()).build();

    public MessageFile {
        texts = Map.copyOf(texts);
    }

    /** Reads and checks {@code bytes}; {@code source} names the file in errors. */
    static MessageFile read(byte[] bytes, String label, String source) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new IOException(source + ": not YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected version and messages");
        }
        for (Iterator<String> fields = root.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("version") && !field.equals("messages")) {
                throw new IOException(source + ": unknown field '" + field + "' (the fields are version and messages)");
            }
        }
        JsonNode version = root.path("version");
        if (!version.isValueNode() || version.asText().isBlank()) {
            throw new IOException(source + ": version is missing; give the texts a version, and change it with them");
        }
        if (!root.path("messages").isObject()) {
            throw new IOException(source + ": messages must map each key to its text");
        }
        Map<ReplyKey, String> texts = new EnumMap<>(ReplyKey.class);
        for (Iterator<Map.Entry<String, JsonNode>> entries = root.path("messages").fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            ReplyKey key = ReplyKey.of(entry.getKey()).orElseThrow(() -> new IOException(source + ": unknown key '"
                    + entry.getKey() + "' (the keys are " + Arrays.stream(ReplyKey.values()).map(ReplyKey::key)
                    .collect(Collectors.joining(", ")) + ")"));
            if (!entry.getValue().isTextual()) {
                throw new IOException(source + ", key '" + key.key() + "': the text must be a string");
            }
            String text = entry.getValue().asText();
            for (String placeholder : placeholdersIn(text)) {
                if (!key.placeholders().contains(placeholder)) {
                    throw new IOException(source + ", key '" + key.key() + "': unknown placeholder ${" + placeholder + "} ("
                            + (key.placeholders().isEmpty() ? "this text takes none" : "this text takes "
                            + key.placeholders().stream().map(p -> "${" + p + "}").collect(Collectors.joining(", "))) + ")");
                }
            }
            texts.put(key, text);
        }
        return new MessageFile(label, version.asText(), digest(bytes), texts);
    }

    /** The placeholders a text uses, as the words are put in: {@code ${name}}, {@code $${name}} being literal. */
    static Set<String> placeholdersIn(String text) {
        Set<String> names = new LinkedHashSet<>();
        StringSubstitutor recorder = substitutor(name -> {
            names.add(name);
            return "";
        });
        recorder.replace(text);
        return names;
    }

    /**
     * Puts values into texts. A value is never searched for placeholders (a payee called "${brand}" is written as
     * such), and there are no defaults ({@code ${name:-x}}): a placeholder is a name its key has, or refused.
     */
    static StringSubstitutor substitutor(java.util.function.Function<String, String> values) {
        StringSubstitutor substitutor = new StringSubstitutor(values::apply);
        substitutor.setDisableSubstitutionInValues(true);
        substitutor.setValueDelimiterMatcher(null);
        substitutor.setEnableUndefinedVariableException(true);
        return substitutor;
    }

    /** {@code default/en@3:1a2b3c4d}. */
    public String versionLabel() {
        return label + "@" + version + ":" + digest;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
