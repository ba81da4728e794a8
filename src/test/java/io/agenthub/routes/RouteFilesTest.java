package io.agenthub.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.agenthub.testing.CamelYamlDsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
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

    private static final ObjectMapper YAML = CamelYamlDsl.YAML;
    private static final JsonSchema schema = CamelYamlDsl.schema();

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

    /**
     * Beans still named for their role rather than their class: the cascade and connector work of issue 21 renames
     * them (and empties this list). Anything else that breaks the convention fails.
     */
    private static final Set<String> NAMED_BEFORE_THE_CONVENTION = Set.of();

    @Test
    void everyBeanARouteCallsIsNamedForItsClass() throws IOException {
        Set<String> classes = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            sources.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java"))
                    .forEach(n -> classes.add(n.substring(0, n.length() - ".java".length())));
        }
        Set<String> named = new HashSet<>();
        for (Path file : routeFiles().toList()) {
            beanNames(YAML.readTree(file.toFile()), named);
        }

        assertThat(named).as("bean names in routes/").contains("lostCardPolicy", "stepOutbox", "subjectSerialisation");
        assertThat(named).filteredOn(name -> !NAMED_BEFORE_THE_CONVENTION.contains(name))
                .as("bean names that are not the lowerCamel name of a class in src/main/java (with an optional qualifier"
                        + " before it): docs/routes.md, From a step to its Java class")
                .allSatisfy(name -> assertThat(classes).anySatisfy(type -> assertThat(isNameOf(name, type)).isTrue()));
    }

    /**
     * {@code lostCardPolicy} is a {@code LostCardPolicy}; {@code bankingSlotsExtractionStep} an {@code ExtractionStep}.
     * A qualifier goes before a name of two words or more, so {@code requestLimits} does not pass for a {@code Limits}.
     */
    private static boolean isNameOf(String bean, String type) {
        String lowerCamel = Character.toLowerCase(type.charAt(0)) + type.substring(1);
        boolean twoWords = type.chars().skip(1).anyMatch(Character::isUpperCase);
        return bean.equals(lowerCamel) || (twoWords && bean.endsWith(type) && Character.isLowerCase(bean.charAt(0)));
    }

    /** The {@code ref:} of every bean and method call, and every {@code routePolicy:}, anywhere in a route file. */
    private static void beanNames(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if ((field.getKey().equals("ref") || field.getKey().equals("routePolicy")) && field.getValue().isTextual()) {
                    names.add(field.getValue().asText());
                } else {
                    beanNames(field.getValue(), names);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> beanNames(item, names));
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
