package io.agenthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.agenthub.access.Role;
import io.agenthub.api.ApiDescription.Operation;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub's OpenAPI description on its own, without a hub: well-formed, its schemas valid JSON Schema and closed
 * wherever the hub's answer is fixed, every protected operation under the bearer scheme with the roles it needs,
 * and a validator that does catch what it should. {@link HubApiContractTest} holds it to the running hub.
 */
class ApiDescriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiDescription API = ApiDescription.load();
    /** The roles a route names: a list, or a setting's ({@code {{hub.inbox.reveal-roles}}}), read as shipped. */
    private static final Pattern HOLDING = Pattern.compile("holding\\('([a-z,]+|\\{\\{[a-z.-]+}})'\\)");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    @Test
    void everyProtectedOperationNeedsABearerTokenOfTheRolesItNames() {
        JsonNode scheme = API.document().at("/components/securitySchemes/bearerAuth");
        assertThat(scheme.path("type").asText()).isEqualTo("http");
        assertThat(scheme.path("scheme").asText()).isEqualTo("bearer");
        assertThat(scheme.path("bearerFormat").asText()).isEqualTo("JWT");
        Map<String, List<String>> roles = new TreeMap<>();
        for (Operation op : API.operations()) {
            if (op.path().equals("/api/v1/openapi.json")) {
                continue;
            }
            assertThat(API.security(op)).as("%s security", op).hasSize(1);
            assertThat(API.security(op).get(0).has("bearerAuth")).as("%s security", op).isTrue();
            assertThat(op.requiredRoles()).as("%s x-required-role", op).isNotEmpty()
                    .allSatisfy(role -> assertThat(Role.of(role).claimValue()).isEqualTo(role));
            assertThat(op.node().path("description").asText()).as("%s description names its roles", op)
                    .contains(op.requiredRoles().stream().map(r -> "`" + r + "`").toList());
            for (int status : new int[] {401, 403}) {
                assertThat(op.documents(status)).as("%s documents %d", op, status).isTrue();
            }
            roles.put(op.toString(), op.requiredRoles());
        }
        assertThat(roles).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("POST /api/v1/requests", List.of("channel")),
                Map.entry("GET /api/v1/requests/{requestId}", List.of("channel", "reviewer", "approver", "compliance")),
                Map.entry("GET /api/v1/requests/{requestId}/explanation", List.of("channel", "reviewer", "compliance")),
                Map.entry("POST /api/v1/requests/{requestId}/contest", List.of("channel")),
                Map.entry("POST /api/v1/requests/{requestId}/reveal", List.of("approver", "compliance")),
                Map.entry("GET /api/v1/reviews", List.of("reviewer", "approver")),
                Map.entry("POST /api/v1/reviews/{reviewId}/resolution", List.of("reviewer")),
                Map.entry("GET /api/v1/approvals", List.of("approver", "compliance", "operator", "reviewer")),
                Map.entry("GET /api/v1/approvals/{approvalId}", List.of("approver", "compliance", "operator", "reviewer")),
                Map.entry("POST /api/v1/approvals/{approvalId}/decision", List.of("approver", "compliance", "operator")),
                Map.entry("GET /api/v1/automation/pauses", List.of("operator")),
                Map.entry("POST /api/v1/automation/pauses", List.of("operator")),
                Map.entry("DELETE /api/v1/automation/pauses/{pauseId}", List.of("operator")),
                Map.entry("GET /api/v1/dead-letters", List.of("operator")),
                Map.entry("DELETE /api/v1/dead-letters", List.of("operator")),
                Map.entry("DELETE /api/v1/dead-letters/{id}", List.of("operator")),
                Map.entry("POST /api/v1/dead-letters/{id}/replay", List.of("operator")),
                Map.entry("POST /api/v1/dead-letters/replay", List.of("operator")),
                Map.entry("GET /api/v1/jobs", List.of("operator")),
                Map.entry("POST /api/v1/jobs/{name}/runs", List.of("operator")),
                Map.entry("GET /api/v1/jobs/{name}/runs/{runId}", List.of("operator")),
                Map.entry("GET /api/v1/subjects/{subjectId}", List.of("compliance")),
                Map.entry("POST /api/v1/subjects/{subjectId}/erasure", List.of("compliance"))));
    }

    /** The roles each operation documents are those its route names in its first step ({@code callerAccess.holding}). */
    @Test
    void everyOperationNeedsTheRolesItsRouteNames() throws Exception {
        Map<String, Set<String>> named = new TreeMap<>();
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                for (JsonNode item : new YAMLMapper().readTree(file.toFile())) {
                    JsonNode route = item.path("route");
                    if (!route.path("from").path("uri").asText().startsWith("platform-http:/api/")) {
                        continue;
                    }
                    Set<String> roles = new TreeSet<>();
                    JsonNode first = route.path("from").path("steps").path(0).path("setVariable").path("method");
                    Matcher holding = HOLDING.matcher(first.path("method").asText());
                    if (first.path("ref").asText().equals("callerAccess") && holding.matches()) {
                        roles.addAll(List.of(shipped(holding.group(1)).split(",")));
                    }
                    named.put(route.path("id").asText(), roles);
                }
            }
        }
        Map<String, Set<String>> documented = new TreeMap<>();
        API.operations().forEach(op -> documented.put(op.routeId(), new TreeSet<>(op.requiredRoles())));

        assertThat(documented).isEqualTo(named);
    }

    /** The roles as written, or a setting's value in the shipped application.properties. */
    private static String shipped(String roles) throws java.io.IOException {
        if (!roles.startsWith("{{")) {
            return roles;
        }
        java.util.Properties defaults = new java.util.Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            defaults.load(in);
        }
        return defaults.getProperty(roles.substring(2, roles.length() - 2), "").replace(" ", "");
    }

    /** What OpenAPI 3.1 requires beyond schemas: described responses, declared path parameters, unique ids. */
    @Test
    void everyOperationIsWellFormed() {
        Set<String> ids = new TreeSet<>();
        for (Operation op : API.operations()) {
            assertThat(ids.add(op.operationId())).as("%s operationId %s is unique", op, op.operationId()).isTrue();
            op.node().path("responses").fields().forEachRemaining(r -> {
                assertThat(r.getKey()).as("%s status", op).matches("[1-5][0-9][0-9]");
                assertThat(API.resolve(r.getValue()).path("description").asText()).as("%s %s description", op, r.getKey())
                        .isNotBlank();
            });
            List<String> declared = new ArrayList<>();
            List<JsonNode> parameters = new ArrayList<>();
            API.document().path("paths").path(op.path()).path("parameters").forEach(parameters::add);
            op.node().path("parameters").forEach(parameters::add);
            for (JsonNode parameter : parameters) {
                JsonNode p = API.resolve(parameter);
                if (p.path("in").asText().equals("path")) {
                    assertThat(p.path("required").asBoolean()).as("%s path parameter %s is required", op, p.path("name")).isTrue();
                    declared.add(p.path("name").asText());
                }
            }
            List<String> templated = new ArrayList<>();
            Matcher m = PATH_PARAMETER.matcher(op.path());
            while (m.find()) {
                templated.add(m.group(1));
            }
            assertThat(declared).as("%s path parameters", op).containsExactlyInAnyOrderElementsOf(templated);
        }
    }

    @Test
    void everySchemaIsAJsonSchema() {
        assertThat(API.invalidSchemas()).isEmpty();
        assertThat(ApiDescription.schemaProblems(JSON.createObjectNode().put("type", "strin"))).isNotEmpty();
    }

    /**
     * A schema that lists properties says whether others may appear, so a field added without documenting it is
     * caught. A {@code ...Fields} schema only lists them, for schemas that compose it to close
     * ({@code unevaluatedProperties: false}).
     */
    @Test
    void everyObjectSchemaSaysWhetherItIsClosed() {
        List<String> undecided = new ArrayList<>();
        findUndecided(API.document(), "", undecided);

        assertThat(undecided).isEmpty();
        List<String> composers = new ArrayList<>();
        findFieldsComposers(API.document(), "", composers);
        assertThat(composers).as("schemas composing a ...Fields schema").isNotEmpty()
                .allSatisfy(at -> assertThat(API.document().at(at).path("unevaluatedProperties").isBoolean()
                        && !API.document().at(at).path("unevaluatedProperties").asBoolean()).as(at + " closes it").isTrue());
    }

    /** The checks below can fail: a field the description does not name, or a value of the wrong shape, is caught. */
    @Test
    void anUndocumentedFieldOrAMisshapenValueIsCaught() throws Exception {
        Operation submit = API.operation("POST", "/api/v1/requests").orElseThrow();
        JsonNode reply = JSON.readTree("""
                {"requestId": "01a2374b-7e22-71e4-8000-000000000000", "intent": "lost_or_stolen_card", "confidence": 0.99,
                 "route": "card-lost-or-stolen", "outcome": "completed", "message": "Blocked.", "actions": [],
                 "tier": "ensemble", "model": "banking77-intent@v8", "escalated": false}""");
        assertThat(API.validateBody(submit, 200, "application/json", reply)).isEmpty();

        assertThat(API.validateBody(submit, 200, "application/json", ((ObjectNode) reply.deepCopy()).put("score", 1)))
                .as("an undocumented field").isNotEmpty();
        assertThat(API.validateBody(submit, 200, "application/json", ((ObjectNode) reply.deepCopy()).put("outcome", "pending")))
                .as("a pending outcome is a 202").isNotEmpty();
        assertThat(API.validateBody(submit, 200, "application/json", ((ObjectNode) reply.deepCopy()).put("requestId", "r-1")))
                .as("a request id that is no UUID").isNotEmpty();
        JsonNode problem = JSON.readTree("{\"type\": \"urn:agent-hub:problem:not-found\", \"title\": \"Not found\", \"status\": 404}");
        assertThat(API.validateBody(submit, 502, "application/problem+json", problem)).as("another status's problem").isNotEmpty();
        assertThat(API.validateHeader(submit, 200, "HubRequestId", TextNode.valueOf("r-1"))).isNotEmpty();
    }

    private static void findUndecided(JsonNode node, String at, List<String> undecided) {
        if (node.isObject()) {
            if (node.has("properties") && node.path("properties").isObject() && !at.endsWith("/properties")
                    && !node.has("additionalProperties") && !node.has("unevaluatedProperties") && !isOverlay(at)
                    && !at.matches("/components/schemas/[A-Za-z]+Fields")) {
                undecided.add(at);
            }
            node.fields().forEachRemaining(f -> findUndecided(f.getValue(), at + "/" + f.getKey(), undecided));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findUndecided(node.get(i), at + "/" + i, undecided);
            }
        }
    }

    private static void findFieldsComposers(JsonNode node, String at, List<String> composers) {
        if (node.isObject()) {
            node.path("allOf").forEach(part -> {
                if (part.path("$ref").asText().matches("#/components/schemas/[A-Za-z]+Fields")) {
                    composers.add(at);
                }
            });
            node.fields().forEachRemaining(f -> findFieldsComposers(f.getValue(), at + "/" + f.getKey(), composers));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                findFieldsComposers(node.get(i), at + "/" + i, composers);
            }
        }
    }

    /** A schema beside a {@code $ref} in an {@code allOf} only narrows properties the referenced schema has. */
    private static boolean isOverlay(String at) {
        return at.matches(".*/allOf/[1-9][0-9]*");
    }
}
