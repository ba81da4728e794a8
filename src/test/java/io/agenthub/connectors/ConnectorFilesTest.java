package io.agenthub.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.agenthub.testing.CamelYamlDsl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every back-end in connectors/ is a settings file and a route-template file that agree: the templates are valid
 * Camel YAML DSL, every parameter a templatedRoute passes is one its template declares, every parameter without a
 * default is passed, and every setting passed exists in the back-end's properties.
 */
class ConnectorFilesTest {

    private static final ObjectMapper YAML = CamelYamlDsl.YAML;
    private static final JsonSchema schema = CamelYamlDsl.schema();

    static Stream<String> backEnds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("connectors"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties"))
                    .map(n -> n.substring(0, n.length() - ".properties".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("backEnds")
    void everyBackEndIsValidCamelYamlDsl(String backEnd) throws IOException {
        Path file = Path.of("connectors", backEnd + ".camel.yaml");

        assertThat(file).as("the route templates of " + backEnd).exists();
        JsonNode routes = YAML.readTree(file.toFile());
        assertThat(schema.validate(withPlaceholdersTyped(routes))).as(file + " against camelYamlDsl.json").isEmpty();
    }

    /**
     * The routes with each {@code "{{parameter}}"} that stands where the schema wants a number or a boolean replaced by
     * one: Camel resolves placeholders before it reads the value, the schema cannot know that.
     */
    private static JsonNode withPlaceholdersTyped(JsonNode routes) {
        JsonNode typed = routes.deepCopy();
        for (ValidationMessage error : schema.validate(typed)) {
            JsonNode value = error.getInstanceNode();
            if (!"type".equals(error.getType()) || value == null || !value.asText().matches("\\{\\{.+}}")) {
                continue;
            }
            JsonNodePath at = error.getInstanceLocation();
            JsonNode parent = typed;
            for (int i = 0; i < at.getNameCount() - 1; i++) {
                Object step = at.getElement(i);
                parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
            }
            Object last = at.getElement(at.getNameCount() - 1);
            boolean bool = String.valueOf(error.getArguments()[1]).contains("boolean");
            if (parent instanceof ObjectNode object && last instanceof String field) {
                if (bool) {
                    object.put(field, true);
                } else {
                    object.put(field, 1);
                }
            }
        }
        return typed;
    }

    @ParameterizedTest
    @MethodSource("backEnds")
    void everyTemplatedRoutePassesDeclaredParametersFromTheBackEndsSettings(String backEnd) throws IOException {
        JsonNode items = YAML.readTree(Path.of("connectors", backEnd + ".camel.yaml").toFile());
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("connectors", backEnd + ".properties"))) {
            settings.load(in);
        }
        Map<String, JsonNode> templates = new HashMap<>();
        items.forEach(item -> {
            if (item.has("routeTemplate")) {
                templates.put(item.path("routeTemplate").path("id").asText(), item.path("routeTemplate"));
            }
        });
        int made = 0;
        for (JsonNode item : items) {
            JsonNode route = item.path("templatedRoute");
            if (route.isMissingNode()) {
                continue;
            }
            made++;
            JsonNode template = templates.get(route.path("routeTemplateRef").asText());
            assertThat(template).as(route.path("routeId") + " is made from a template of this file").isNotNull();
            Set<String> declared = new HashSet<>();
            Set<String> required = new HashSet<>();
            template.path("parameters").forEach(p -> {
                declared.add(p.path("name").asText());
                if (!p.has("defaultValue")) {
                    required.add(p.path("name").asText());
                }
            });
            Set<String> passed = new HashSet<>();
            for (JsonNode parameter : route.path("parameters")) {
                String name = parameter.path("name").asText();
                passed.add(name);
                assertThat(declared).as(route.path("routeId") + " passes " + name).contains(name);
                String value = parameter.path("value").asText();
                assertThat(value).as(name).matches("\\{\\{connectors\\." + backEnd + "\\.[a-z.-]+(:[^}]*)?}}");
                String key = value.substring(2, value.length() - 2).split(":")[0];
                if (!value.contains(":")) {
                    assertThat(settings).as("connectors/" + backEnd + ".properties").containsKey(key);
                }
            }
            assertThat(passed).as(route.path("routeId") + " passes every parameter without a default").containsAll(required);
            assertThat(route.path("routeId").asText()).startsWith("connector-" + backEnd);
        }
        assertThat(made).as("routes made from the templates of " + backEnd).isEqualTo(templates.size());
    }
}
