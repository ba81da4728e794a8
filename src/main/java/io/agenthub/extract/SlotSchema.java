package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/**
 * A capability's JSON Schema ({@code models/<capability>/<version>/schema.json}, draft 2020-12), and the check every
 * tier's answer goes through: networknt's validator, not hand-written rules.
 */
public final class SlotSchema {

    private final JsonNode document;
    /** The schema as compact JSON, written once: every generative prompt and structured-output format holds it. */
    private final String text;
    private final JsonSchema schema;

    private SlotSchema(JsonNode document) {
        this.document = document;
        this.text = document.toString();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
    }

    public static SlotSchema read(String capability, String version, byte[] bytes, ObjectMapper json) throws IOException {
        JsonNode document;
        try {
            document = json.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("models/" + capability + "/" + version + "/schema.json is not JSON: " + e.getMessage(), e);
        }
        return new SlotSchema(document);
    }

    /** What is wrong with {@code answer}, one message per violation (JSON path first); empty when it is valid. */
    public List<String> violations(JsonNode answer) {
        return schema.validate(answer).stream().map(ValidationMessage::getMessage).sorted(Comparator.naturalOrder()).toList();
    }

    /** The schema itself, for what reads its keywords (the grammar of a GGUF tier). */
    public JsonNode document() {
        return document;
    }

    /** The schema as compact JSON text. */
    public String text() {
        return text;
    }
}
