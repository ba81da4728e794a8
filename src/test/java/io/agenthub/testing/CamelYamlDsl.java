package io.agenthub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Camel YAML DSL schema that ships in camel-yaml-dsl, for build-time checks of routes/ and connectors/ (the
 * validator Maven plugin is not available here), and a reader of those files.
 */
public final class CamelYamlDsl {

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private CamelYamlDsl() {
    }

    public static JsonSchema schema() {
        try (InputStream in = YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("camel-yaml-dsl's schema cannot be read", e);
        }
    }
}
