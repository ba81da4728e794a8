package io.agenthub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Build-time validation of every {@code routes/*.camel.yaml} against the Camel YAML DSL schema that
 * ships in camel-yaml-dsl (the validator Maven plugin is not available here). The whole-hub tests then
 * load and run them.
 */
class RouteFilesTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static JsonSchema schema;

    @BeforeAll
    static void loadCamelYamlDslSchema() throws IOException {
        try (InputStream in = org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static Stream<Path> routeFiles() throws IOException {
        return Files.list(Path.of("routes")).filter(p -> p.toString().endsWith(".camel.yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteFileIsValidCamelYamlDsl(Path file) throws IOException {
        Set<ValidationMessage> errors = schema.validate(YAML.readTree(file.toFile()));

        assertThat(errors).as(file + " against camelYamlDsl.json").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void everyRouteHasAStableKebabCaseIdAndAnErrorPolicy(Path file) throws IOException {
        for (JsonNode item : YAML.readTree(file.toFile())) {
            JsonNode route = item.get("route");
            if (route == null) {
                continue;
            }
            assertThat(route.path("id").asText()).as(file + " route id").matches("[a-z0-9]+(-[a-z0-9]+)*");
            if (!route.path("from").path("uri").asText().startsWith("timer:")) {
                assertThat(route.path("routeConfigurationId").asText()).as(file + " " + route.path("id"))
                        .isIn("hub-errors", "propagate-errors");
            }
        }
    }

    @Test
    void routeIdsAreUniqueAcrossFiles() throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path file : routeFiles().toList()) {
            for (JsonNode item : YAML.readTree(file.toFile())) {
                String id = item.path("route").path("id").asText(null);
                if (id != null) {
                    assertThat(seen.add(id)).as("route id " + id + " in " + file + " is used twice").isTrue();
                }
            }
        }
    }

    @Test
    void everyFlowNamedInIntentFlowsIsARoute() throws IOException {
        Set<String> routeIds = new HashSet<>();
        for (Path file : routeFiles().toList()) {
            YAML.readTree(file.toFile()).forEach(item -> routeIds.add(item.path("route").path("id").asText()));
        }
        JsonNode flows = YAML.readTree(Path.of("routes/intent-flows.yaml").toFile());
        List<String> named = new java.util.ArrayList<>();
        flows.path("flows").forEach(f -> named.add(f.asText()));
        named.add(flows.path("fallback").asText());

        assertThat(routeIds).containsAll(named);
    }
}
