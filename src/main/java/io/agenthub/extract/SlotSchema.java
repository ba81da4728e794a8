package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.agenthub.slm.Digests;

import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;

/**
 * A capability's JSON Schema ({@code models/<capability>/<version>/schema.json}, draft 2020-12), and the check every
 * tier's answer goes through: networknt's validator, not hand-written rules.
 */
public final class SlotSchema {

    private final String capability;
    private final String version;
    private final JsonNode document;
    private final JsonSchema schema;
    private final String digest;

    private SlotSchema(String capability, String version, JsonNode document, String digest) {
        this.capability = capability;
        this.version = version;
        this.document = document;
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(document);
        this.digest = digest;
    }

    public static SlotSchema read(String capability, String version, InputStream in, ObjectMapper json) throws IOException {
        byte[] bytes = in.readAllBytes();
        JsonNode document;
        try {
            document = json.readTree(bytes);
        } catch (IOException e) {
            throw new IOException("models/" + capability + "/" + version + "/schema.json is not JSON: " + e.getMessage(), e);
        }
        return new SlotSchema(capability, version, document, Digests.sha256(bytes));
    }

    /** What is wrong with {@code answer}, one message per violation (JSON path first); empty when it is valid. */
    public List<String> violations(JsonNode answer) {
        return schema.validate(answer).stream().map(ValidationMessage::getMessage).sorted(Comparator.naturalOrder()).toList();
    }

    /** The schema itself, as the structured-output format of generative tiers. */
    public JsonNode document() {
        return document;
    }

    public String id() {
        return capability + "/" + version;
    }

    public String digest() {
        return digest;
    }
}
