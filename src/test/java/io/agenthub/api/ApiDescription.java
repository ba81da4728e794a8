package io.agenthub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The OpenAPI 3.1 description of the hub's own API, read from the classpath exactly as the hub serves it, with
 * a JSON Schema validator (networknt, the OpenAPI 3.1 dialect) for the bodies and headers it documents.
 */
final class ApiDescription {

    static final String RESOURCE = "api/openapi.json";
    static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final String IRI = "urn:agent-hub:api:openapi.json";

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    private ApiDescription(JsonNode document) {
        this.document = document;
        // Inline response schemas are copied into components, so each can be addressed by a plain pointer.
        ObjectNode addressable = document.deepCopy();
        ObjectNode components = (ObjectNode) addressable.path("components").path("schemas");
        for (Operation op : operations()) {
            op.node().path("responses").fieldNames().forEachRemaining(status -> {
                JsonNode response = resolve(op.node().path("responses").path(status));
                response.path("content").fields().forEachRemaining(c ->
                        components.set(schemaName(op, status, c.getKey()), c.getValue().path("schema")));
                response.path("headers").fields().forEachRemaining(h ->
                        components.set(schemaName(op, status, "header " + h.getKey()), resolve(h.getValue()).path("schema")));
            });
        }
        String served = addressable.toString();
        schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, served))));
    }

    static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new ApiDescription(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** One documented operation: a method on a path. */
    record Operation(String path, String method, JsonNode node) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }

        /** Its {@code operationId}: unique in the document, as OpenAPI requires. */
        String operationId() {
            return node.path("operationId").asText();
        }

        /**
         * The Camel route that serves it: its operation id, or its {@code x-route-id} where one route serves several
         * methods of a path (each operation keeps an id of its own).
         */
        String routeId() {
            return node.has("x-route-id") ? node.path("x-route-id").asText() : operationId();
        }

        /** The roles any one of which lets a caller make it; empty for an operation open to everyone. */
        List<String> requiredRoles() {
            List<String> roles = new ArrayList<>();
            node.path("x-required-role").forEach(role -> roles.add(role.asText()));
            return roles;
        }

        boolean documents(int status) {
            return node.path("responses").has(String.valueOf(status));
        }
    }

    List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
            if (METHODS.contains(m.getKey())) {
                operations.add(new Operation(path.getKey(), m.getKey(), m.getValue()));
            }
        }));
        return operations;
    }

    Optional<Operation> operation(String method, String path) {
        return operations().stream()
                .filter(op -> op.path().equals(path) && op.method().equalsIgnoreCase(method))
                .findFirst();
    }

    /** The response an operation documents for a status, its {@code $ref} followed; missing if none. */
    JsonNode response(Operation op, int status) {
        return resolve(op.node().path("responses").path(String.valueOf(status)));
    }

    /** The security an operation needs: its own {@code security}, else the document's. */
    JsonNode security(Operation op) {
        return op.node().has("security") ? op.node().get("security") : document.path("security");
    }

    JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : resolve(document.at(ref.asText().substring(1)));
    }

    /** Validates a body against the schema an operation documents for a status and media type. */
    Set<ValidationMessage> validateBody(Operation op, int status, String mediaType, JsonNode body) {
        return validate(schemaName(op, String.valueOf(status), mediaType), body);
    }

    /** Validates a response header's value against the schema the operation documents for it. */
    Set<ValidationMessage> validateHeader(Operation op, int status, String header, JsonNode value) {
        return validate(schemaName(op, String.valueOf(status), "header " + header), value);
    }

    /**
     * Every schema the description holds (components, parameters, bodies, headers) that is not a valid JSON Schema
     * 2020-12 schema, by where it is, with why: a misspelt type or a bound given as text would otherwise pass unseen.
     */
    Map<String, Set<ValidationMessage>> invalidSchemas() {
        Map<String, Set<ValidationMessage>> invalid = new TreeMap<>();
        document.path("components").path("schemas").fields().forEachRemaining(s ->
                check("/components/schemas/" + s.getKey(), s.getValue(), invalid));
        collectSchemas(document, "", invalid);
        return invalid;
    }

    /** Why a schema is not a valid JSON Schema 2020-12 schema; empty if it is. */
    static Set<ValidationMessage> schemaProblems(JsonNode schema) {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema")).validate(schema);
    }

    private static void collectSchemas(JsonNode node, String at, Map<String, Set<ValidationMessage>> invalid) {
        node.fields().forEachRemaining(f -> {
            if (f.getKey().equals("schema")) {
                check(at + "/schema", f.getValue(), invalid);
            } else if (f.getValue().isContainerNode() && !(at + "/" + f.getKey()).equals("/components/schemas")) {
                collectSchemas(f.getValue(), at + "/" + f.getKey(), invalid);
            }
        });
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectSchemas(node.get(i), at + "/" + i, invalid);
            }
        }
    }

    private static void check(String at, JsonNode schema, Map<String, Set<ValidationMessage>> invalid) {
        Set<ValidationMessage> problems = schemaProblems(schema);
        if (!problems.isEmpty()) {
            invalid.put(at, problems);
        }
    }

    private Set<ValidationMessage> validate(String name, JsonNode value) {
        return schemas.getSchema(SchemaLocation.of(IRI + "#/components/schemas/" + name),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build()).validate(value);
    }

    private static String schemaName(Operation op, String status, String what) {
        return ("response_" + op.operationId() + "_" + status + "_" + what).replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
