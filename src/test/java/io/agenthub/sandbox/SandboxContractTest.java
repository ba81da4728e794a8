package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import io.agenthub.sandbox.SandboxClient.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the OpenAPI contracts and the sandboxes to each other: every documented operation, called
 * with the contract's own examples against the seed, answers its documented success status with a
 * body valid against the documented schema (no undocumented fields), and every implemented route is
 * documented.
 */
class SandboxContractTest {

    private static final Path CORE_BANKING = Path.of("connectors", "core-banking.openapi.yaml");
    private static final Path INSURANCE = Path.of("connectors", "insurance.openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private SandboxClient client;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    /** One documented operation. */
    private record Operation(Contract contract, String path, String method, JsonNode node) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + contract.basePath + path;
        }

        String operationId() {
            return node.path("operationId").asText();
        }

        int successStatus() {
            Iterator<String> statuses = node.path("responses").fieldNames();
            while (statuses.hasNext()) {
                String status = statuses.next();
                if (status.startsWith("2")) {
                    return Integer.parseInt(status);
                }
            }
            throw new AssertionError(this + " documents no 2xx response");
        }

        List<JsonNode> parameters() {
            List<JsonNode> params = new ArrayList<>();
            node.path("parameters").forEach(p -> params.add(contract.resolve(p)));
            return params;
        }
    }

    /** A parsed contract plus a schema registry that validates against its components. */
    private static final class Contract {
        final JsonNode document;
        final String basePath;
        final String iri;
        final JsonSchemaFactory schemas;

        Contract(Path file) {
            try {
                document = new YAMLMapper().readTree(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String server = document.at("/servers/0/url").asText().replace("{port}", "1");
            basePath = URI.create(server).getPath();
            iri = "urn:agenthub:contract:" + file.getFileName();
            ObjectNode strict = document.deepCopy();
            forbidUndocumentedProperties(strict.path("components").path("schemas"));
            lift(strict);
            // Served as a plain JSON Schema document so the validator sees only schema keywords.
            ObjectNode definitions = new YAMLMapper().createObjectNode();
            definitions.set("$defs", strict.path("components").path("schemas"));
            String strictJson = definitions.toString().replace("#/components/schemas/", "#/$defs/");
            JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi30.getInstance())
                    .keyword(new NonValidationKeyword("$defs"))
                    .build();
            schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
                    .metaSchema(dialect)
                    .defaultMetaSchemaIri(dialect.getIri())
                    .schemaLoaders(loaders -> loaders.schemas(Map.of(iri, strictJson))));
        }

        List<Operation> operations() {
            List<Operation> operations = new ArrayList<>();
            document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(m -> {
                if (METHODS.contains(m.getKey())) {
                    operations.add(new Operation(this, path.getKey(), m.getKey(), m.getValue()));
                }
            }));
            return operations;
        }

        JsonNode resolve(JsonNode node) {
            JsonNode ref = node.get("$ref");
            return ref == null ? node : resolve(document.at(ref.asText().substring(1)));
        }

        /** Validates a body against the schema the contract documents for this operation and status. */
        Set<ValidationMessage> validate(Operation op, int status, String contentType, JsonNode body) {
            JsonNode response = resolve(op.node().path("responses").path(String.valueOf(status)));
            if (response.isMissingNode()) {
                response = resolve(op.node().path("responses").path("default"));
            }
            assertThat(response.path("content").has(contentType))
                    .as("%s documents %s for %d", op, contentType, status).isTrue();
            String name = "Response_" + op.operationId() + "_" + status;
            JsonSchema schema = schemas.getSchema(SchemaLocation.of(iri + "#/$defs/" + name),
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
            return schema.validate(body);
        }

        /** Copies every inline response schema into components so the validator can address it. */
        private static void lift(ObjectNode strict) {
            ObjectNode components = (ObjectNode) strict.path("components").path("schemas");
            JsonNode original = strict;
            strict.path("paths").forEach(item -> item.fields().forEachRemaining(m -> {
                if (!METHODS.contains(m.getKey())) {
                    return;
                }
                m.getValue().path("responses").fields().forEachRemaining(r -> {
                    JsonNode response = r.getValue();
                    while (response.has("$ref")) {
                        response = original.at(response.get("$ref").asText().substring(1));
                    }
                    response.path("content").fields().forEachRemaining(c -> {
                        JsonNode schema = c.getValue().path("schema").deepCopy();
                        forbidUndocumentedProperties(schema);
                        components.set("Response_" + m.getValue().path("operationId").asText() + "_" + r.getKey(), schema);
                    });
                });
            }));
        }

        private static void forbidUndocumentedProperties(JsonNode node) {
            if (node instanceof ObjectNode object) {
                if (object.has("properties") && !object.has("additionalProperties")) {
                    object.put("additionalProperties", false);
                }
                object.forEach(Contract::forbidUndocumentedProperties);
            } else if (node instanceof ArrayNode array) {
                array.forEach(Contract::forbidUndocumentedProperties);
            }
        }
    }

    private static List<Contract> contracts() {
        return List.of(new Contract(CORE_BANKING), new Contract(INSURANCE));
    }

    private Reply call(Operation op, Consumer<Map<String, String>> pathParamOverrides) {
        String path = op.path();
        List<String> query = new ArrayList<>();
        HttpRequest.Builder request;
        Map<String, String> pathParams = new HashMap<>();
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asText().equals("path")) {
                pathParams.put(p.get("name").asText(), p.path("example").asText());
            }
        }
        pathParamOverrides.accept(pathParams);
        for (Map.Entry<String, String> e : pathParams.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asText().equals("query") && p.has("example")) {
                query.add(p.get("name").asText() + "=" + p.get("example").asText());
            }
        }
        String url = op.contract().basePath + path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        request = client.request(url);
        for (JsonNode p : op.parameters()) {
            if (p.path("in").asText().equals("header")) {
                request.header(p.get("name").asText(), p.path("example").asText());
            }
        }
        JsonNode body = op.node().at("/requestBody/content/application~1json/example");
        if (body.isMissingNode()) {
            request.method(op.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(op.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return client.send(request.build());
    }

    @Test
    void everyDocumentedOperationAnswersItsExampleWithTheDocumentedSuccessAndSchema() {
        List<String> checked = new ArrayList<>();
        for (Contract contract : contracts()) {
            for (Operation op : contract.operations()) {
                Reply reply = call(op, params -> { });

                assertThat(reply.status()).as("%s answered %s", op, reply.body()).isNotIn(404, 405)
                        .isEqualTo(op.successStatus());
                assertThat(contract.validate(op, reply.status(), "application/json", reply.json()))
                        .as("%s body %s", op, reply.body()).isEmpty();
                checked.add(op.toString());
            }
        }
        assertThat(checked).hasSize(20);
    }

    @Test
    void unknownIdsAnswerTheDocumented404Problem() {
        for (Contract contract : contracts()) {
            for (Operation op : contract.operations()) {
                if (!op.method().equals("get") || !op.path().contains("{")) {
                    continue;
                }
                Reply reply = call(op, params -> params.replaceAll((name, value) -> "NO-SUCH-ID"));

                assertThat(reply.status()).as(op.toString()).isEqualTo(404);
                assertThat(op.node().path("responses").has("404")).as("%s documents 404", op).isTrue();
                assertThat(contract.validate(op, 404, "application/problem+json", reply.json()))
                        .as("%s problem %s", op, reply.body()).isEmpty();
            }
        }
    }

    @Test
    void validationProblemsMatchTheDocumentedProblemSchema() {
        for (Contract contract : contracts()) {
            for (Operation op : contract.operations()) {
                if (op.method().equals("get")) {
                    continue;
                }
                String path = op.contract().basePath + op.path().replaceAll("\\{[^}]+}", "X");
                Reply keyless = client.send(op.method(), path, null, "{}");
                if (op.node().at("/requestBody/required").asBoolean()) {
                    Reply invalid = client.send(op.method(), path, "key", "{}");

                    assertThat(invalid.status()).as(op.toString()).isEqualTo(400);
                    assertThat(contract.validate(op, 400, "application/problem+json", invalid.json())).isEmpty();
                }
                assertThat(keyless.status()).as(op.toString()).isEqualTo(428);
                assertThat(contract.validate(op, 428, "application/problem+json", keyless.json())).isEmpty();
            }
        }
    }

    @Test
    void everyWriteRequiresAnIdempotencyKeyInTheContract() {
        for (Contract contract : contracts()) {
            for (Operation op : contract.operations()) {
                if (op.method().equals("get")) {
                    continue;
                }
                assertThat(op.parameters())
                        .as("%s declares a required Idempotency-Key header", op)
                        .anySatisfy(p -> {
                            assertThat(p.path("in").asText()).isEqualTo("header");
                            assertThat(p.path("name").asText()).isEqualTo("Idempotency-Key");
                            assertThat(p.path("required").asBoolean()).isTrue();
                        });
                assertThat(op.node().path("responses").has("409")).as("%s documents 409", op).isTrue();
                assertThat(op.node().path("responses").has("428")).as("%s documents 428", op).isTrue();
                assertThat(op.node().path("responses").has("413")).as("%s documents 413", op).isTrue();
            }
        }
    }

    @Test
    void everyImplementedRouteIsDocumentedAndViceVersa() {
        Vertx vertx = Vertx.vertx();
        try {
            SandboxSeed seed = SandboxClient.seed();
            Router bank = Router.router(vertx);
            IdempotencyStore writes = new IdempotencyStore(new SandboxActions(), new SandboxClock(Clock.systemUTC()));
            new CoreBankingSandbox(new CoreBankingStore(seed.coreBanking(), writes.clock()), writes).mount(bank);
            Router insurance = Router.router(vertx);
            new InsuranceSandbox(new InsuranceStore(seed.insurance(), writes.clock()), writes).mount(insurance);

            Set<String> implemented = new TreeSet<>();
            implemented.addAll(routes(CoreBankingSandbox.MOUNT_PATH, bank));
            implemented.addAll(routes(InsuranceSandbox.MOUNT_PATH, insurance));
            Set<String> documented = contracts().stream().flatMap(c -> c.operations().stream())
                    .map(Operation::toString).collect(Collectors.toCollection(TreeSet::new));

            assertThat(implemented).isEqualTo(documented);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void theContractsLossTypesAreExactlyThoseTheSeededProductsCover() {
        Contract insurance = new Contract(INSURANCE);
        Set<String> documented = new TreeSet<>();
        insurance.document.at("/components/schemas/LossType/enum").forEach(n -> documented.add(n.asText()));
        Set<String> seeded = new TreeSet<>();
        SandboxClient.seed().insurance().lossTypesByProduct().values().forEach(seeded::addAll);

        assertThat(documented).isEqualTo(seeded);
    }

    private static List<String> routes(String mount, Router router) {
        List<String> routes = new ArrayList<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath().replaceAll(":([A-Za-z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                routes.add(method.name() + " " + mount + path);
            }
        }
        return routes;
    }
}
