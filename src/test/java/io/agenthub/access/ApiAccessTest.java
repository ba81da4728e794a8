package io.agenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.agenthub.RunningHub;
import io.agenthub.config.HubSettings;
import io.agenthub.secrets.KeyFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The negative matrix: every /api/v1 operation, asked without a token, with a token the hub must not accept, with
 * a role the operation does not take, or for another tenant's data, is refused with 401, 403 or 404 and a problem
 * body, and answers no data. Then the same operations with the right token are served, and the audit trail holds
 * who was refused and who read what.
 */
class ApiAccessTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    /** One /api/v1 operation, the roles it takes, and whether it reaches one request (so a tenant's data). */
    record Operation(String method, String path, String body, Set<Role> roles, boolean ofRequest) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static String bankRequest;
    static String insurerRequest;
    static List<Operation> operations;

    @BeforeAll
    static void twoTenantsHaveOneRequestEach() throws Exception {
        bankRequest = json(hub.postRequest(request("C-1001", "I lost my card", null)).body()).path("requestId").asText();
        insurerRequest = json(hub.postRequest(request("C-1001", "I lost my card", null)
                .replace("demo-bank", "demo-insurer")).body()).path("requestId").asText();
        assertThat(bankRequest).isNotBlank();
        assertThat(insurerRequest).isNotBlank();
        Set<Role> readers = EnumSet.of(Role.CHANNEL, Role.REVIEWER, Role.APPROVER, Role.COMPLIANCE);
        operations = List.of(
                new Operation("POST", "/api/v1/requests", request("C-1002", "what is my balance", null), Set.of(Role.CHANNEL), false),
                new Operation("GET", "/api/v1/requests/" + bankRequest, null, readers, true),
                new Operation("GET", "/api/v1/requests/" + bankRequest + "/explanation", null,
                        EnumSet.of(Role.CHANNEL, Role.REVIEWER, Role.COMPLIANCE), true),
                new Operation("POST", "/api/v1/requests/" + bankRequest + "/contest", "{\"statement\": \"I did not ask\"}",
                        Set.of(Role.CHANNEL), true),
                new Operation("GET", "/api/v1/reviews", null, EnumSet.of(Role.REVIEWER, Role.APPROVER), false),
                new Operation("POST", "/api/v1/reviews/0/resolution", "{\"outOfScope\": true, \"note\": \"x\"}",
                        Set.of(Role.REVIEWER), false),
                new Operation("GET", "/api/v1/dead-letters", null, Set.of(Role.OPERATOR), false),
                new Operation("DELETE", "/api/v1/dead-letters", null, Set.of(Role.OPERATOR), false),
                new Operation("DELETE", "/api/v1/dead-letters/ID:none", null, Set.of(Role.OPERATOR), false),
                new Operation("POST", "/api/v1/dead-letters/ID:none/replay", null, Set.of(Role.OPERATOR), false),
                new Operation("POST", "/api/v1/dead-letters/replay", null, Set.of(Role.OPERATOR), false),
                new Operation("GET", "/api/v1/subjects/C-1001?tenant=demo-bank", null, Set.of(Role.COMPLIANCE), true),
                new Operation("POST", "/api/v1/subjects/C-1001/erasure?tenant=demo-bank", "{\"reason\": \"ticket 7\"}",
                        Set.of(Role.COMPLIANCE), true));
    }

    @Test
    void everyOperationRefusesACallWithoutAValidTokenWith401AndAChallenge() throws Exception {
        Map<String, String> bad = badTokens();
        for (Operation operation : operations) {
            HttpResponse<String> none = call(operation, null);
            assertRefused(operation + " without a token", none, 401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"agent-hub\"");
            for (Map.Entry<String, String> token : bad.entrySet()) {
                HttpResponse<String> refused = call(operation, token.getValue());
                assertRefused(operation + " with " + token.getKey(), refused, 401);
                assertThat(refused.headers().firstValue("WWW-Authenticate").orElse(""))
                        .as(operation + " with " + token.getKey()).contains("error=\"invalid_token\"");
            }
        }
    }

    @Test
    void anAuthorizationHeaderThatIsNotOneBearerTokenIsRefused() throws Exception {
        Operation lookup = operations.get(1);
        for (List<String> headers : List.of(List.of("Basic dGVzdDp0ZXN0"), List.of("Bearer"), List.of("Bearer  "),
                List.of("Bearer " + hub.everyRole(), "Bearer " + hub.everyRole()))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(lookup.path()))).GET();
            headers.forEach(value -> request.header("Authorization", value));
            HttpResponse<String> refused = hub.sendAsIs(request.build());
            assertRefused(lookup + " with Authorization " + headers.size() + "x " + headers.get(0).split(" ")[0], refused, 401);
            assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).contains("error=\"invalid_request\"");
        }
    }

    @Test
    void everyOperationRefusesARoleItDoesNotTakeWith403() throws Exception {
        for (Operation operation : operations) {
            Set<Role> others = EnumSet.complementOf(EnumSet.copyOf(operation.roles()));
            String token = hub.token("wrong-role", others, "demo-bank", "demo-insurer");
            assertRefused(operation + " with roles " + others, call(operation, token), 403);
        }
    }

    @Test
    void anotherTenantsRequestIsNotFoundForEveryRoleThatCouldReadItsOwn() throws Exception {
        for (Operation operation : operations) {
            if (!operation.ofRequest()) {
                continue;
            }
            for (Role role : operation.roles()) {
                String insurerOnly = hub.token("insurer-" + role.claimValue(), Set.of(role), "demo-insurer");
                HttpResponse<String> refused = call(operation, insurerOnly);
                assertRefused(operation + " as a demo-insurer " + role.claimValue(), refused, 404);
                // the same answer as an id that does not exist: nothing confirms the request is there
                Operation missing = new Operation(operation.method(),
                        operation.path().replace(bankRequest, "00000000-0000-0000-0000-000000000000"),
                        operation.body(), operation.roles(), true);
                assertThat(json(call(missing, insurerOnly).body()).path("title").asText())
                        .isEqualTo(json(refused.body()).path("title").asText());
            }
        }
    }

    @Test
    void aChannelSubmitsOnlyForItsOwnTenant() throws Exception {
        String insurerChannel = hub.token("insurer-app", Set.of(Role.CHANNEL), "demo-insurer");
        HttpResponse<String> refused = call(operations.get(0), insurerChannel);
        assertRefused("a demo-insurer channel submitting for demo-bank", refused, 403);

        String bankChannel = hub.token("bank-app", Set.of(Role.CHANNEL), "demo-bank");
        HttpResponse<String> served = call(operations.get(0), bankChannel);
        assertThat(served.statusCode()).isEqualTo(200);
        String requestId = json(served.body()).path("requestId").asText();
        assertThat(call(new Operation("GET", "/api/v1/requests/" + requestId, null, Set.of(Role.CHANNEL), true), bankChannel)
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aReviewerSeesOnlyItsTenantsReviews() throws Exception {
        hub.post("/api/v1/requests/" + bankRequest + "/contest", "{\"statement\": \"not me\"}", "application/json");
        hub.post("/api/v1/requests/" + insurerRequest + "/contest", "{\"statement\": \"not me\"}", "application/json");
        String bankReviewer = hub.token("bank-reviewer", Set.of(Role.REVIEWER), "demo-bank");

        JsonNode reviews = json(call(new Operation("GET", "/api/v1/reviews?limit=500", null, Set.of(Role.REVIEWER), false),
                bankReviewer).body());

        assertThat(reviews.findValuesAsText("requestId")).contains(bankRequest).doesNotContain(insurerRequest);
    }

    @Test
    void refusalsAndReadsAreInTheAuditTrailWithTheCaller() throws Exception {
        String insurerReviewer = hub.token("insurer-reviewer-7", Set.of(Role.REVIEWER), "demo-insurer");
        String bankReviewer = hub.token("bank-reviewer-7", Set.of(Role.REVIEWER), "demo-bank");
        Operation lookup = new Operation("GET", "/api/v1/requests/" + bankRequest, null, Set.of(Role.REVIEWER), true);
        assertThat(call(lookup, insurerReviewer).statusCode()).isEqualTo(404);
        assertThat(call(lookup, bankReviewer).statusCode()).isEqualTo(200);
        assertThat(call(lookup, null).statusCode()).isEqualTo(401);

        List<String> events = new ArrayList<>();
        for (int i = 0; i < 50 && events.size() < 3; i++) {
            Thread.sleep(200);  // refusals are written by the access-audit route every second
            events = new org.springframework.jdbc.core.JdbcTemplate(hub.database()).queryForList(
                    "SELECT step || ' ' || detail_json FROM hub_request_step WHERE request_id IS NULL"
                            + " AND (detail_json LIKE '%-reviewer-7%' OR (step = 'access-denied' AND detail_json LIKE '%anonymous%'))",
                    String.class);
        }
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("access-denied").contains("insurer-reviewer-7@agent-hub")
                .contains(bankRequest).contains("404"));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("access-read").contains("bank-reviewer-7@agent-hub")
                .contains(bankRequest));
        assertThat(events).anySatisfy(e -> assertThat(e).startsWith("access-denied").contains("anonymous").contains("401"));
    }

    @Test
    void aComplianceOfficerExportsAndErasesItsOwnTenantsSubjects() throws Exception {
        hub.postRequest(request("C-1005", "I lost my card, this is Oliver Brennan", null));
        String officer = hub.token("dpo-1", Set.of(Role.COMPLIANCE), "demo-bank");

        HttpResponse<String> export = call(new Operation("GET", "/api/v1/subjects/C-1005", null, Set.of(Role.COMPLIANCE), true),
                officer);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(json(export.body()).path("subject").path("tenant").asText()).isEqualTo("demo-bank");
        assertThat(export.body()).contains("Oliver Brennan");
        assertThat(call(new Operation("GET", "/api/v1/subjects/C-9999", null, Set.of(Role.COMPLIANCE), true), officer)
                .statusCode()).isEqualTo(404);

        HttpResponse<String> erased = call(new Operation("POST", "/api/v1/subjects/C-1005/erasure",
                "{\"reason\": \"subject's request, ticket 42\"}", Set.of(Role.COMPLIANCE), true), officer);
        // Erasure deletes: it waits for a second compliance officer (compliance/actions.yaml, erase-subject).
        assertThat(erased.statusCode()).isEqualTo(202);
        assertThat(json(erased.body()).path("state").asText()).isEqualTo("awaiting");
        HttpResponse<String> approved = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/approvals/"
                        + json(erased.body()).path("approvalId").asText() + "/decision")))
                .header("Authorization", "Bearer " + hub.token("dpo-2", Set.of(Role.COMPLIANCE), "demo-bank"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\",\"reason\":\"ticket 42 checked\"}")).build());
        assertThat(json(approved.body()).path("state").asText()).isEqualTo("executed");
        assertThat(call(new Operation("GET", "/api/v1/subjects/C-1005", null, Set.of(Role.COMPLIANCE), true), officer)
                .body()).doesNotContain("Oliver Brennan");

        List<String> trail = new org.springframework.jdbc.core.JdbcTemplate(hub.database()).queryForList(
                "SELECT step || ' ' || detail_json FROM hub_request_step WHERE request_id IS NULL AND detail_json LIKE '%dpo-1@%'",
                String.class);
        assertThat(trail).anySatisfy(e -> assertThat(e).startsWith("access-read").contains("subject-export").contains("C-1005"));
        assertThat(trail).anySatisfy(e -> assertThat(e).startsWith("subject-erased").contains("ticket 42")
                .contains("approved by dpo-2@"));
    }

    @Test
    void theIssuersPublicKeysArePublishedWithoutTheirPrivateHalf() throws Exception {
        HttpResponse<String> jwks = hub.sendAsIs(HttpRequest.newBuilder(URI.create(hub.url("/.well-known/jwks.json"))).GET().build());

        assertThat(jwks.statusCode()).isEqualTo(200);
        JsonNode key = json(jwks.body()).path("keys").get(0);
        assertThat(key.path("kty").asText()).isEqualTo("EC");
        assertThat(key.has("d")).isFalse();
    }

    private static void assertRefused(String what, HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what).hasValue("application/problem+json");
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
        // no data: a problem's members only, and no request of either tenant named in it
        assertThat(problem.path("requestId").isMissingNode()).as(what).isTrue();
        assertThat(response.body()).as(what).doesNotContain("lost my card").doesNotContain(insurerRequest);
    }

    private static HttpResponse<String> call(Operation operation, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(operation.path()))).timeout(Duration.ofSeconds(30))
                .method(operation.method(), operation.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(operation.body()));
        if (operation.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.sendAsIs(request.build());
    }

    /** Tokens that must all be refused, each for one reason, holding every role for both tenants otherwise. */
    private static Map<String, String> badTokens() throws Exception {
        Set<Role> every = EnumSet.allOf(Role.class);
        List<String> tenants = List.of("demo-bank", "demo-insurer");
        KeyFiles hubKeys = HubSettings.offline(null, hub.dataDir()).keyFiles();
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        Clock inAnHour = Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC);
        Path strangerKeys = Files.createTempDirectory("agent-hub-test-stranger");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("an expired token", EmbeddedIssuer.load(hubKeys, "agent-hub", "agent-hub", twoHoursAgo)
                .issue("late", every, tenants, Duration.ofHours(1)));
        bad.put("a token not valid yet", EmbeddedIssuer.load(hubKeys, "agent-hub", "agent-hub", inAnHour)
                .issue("early", every, tenants, Duration.ofHours(1)));
        bad.put("another issuer's name", EmbeddedIssuer.load(hubKeys, "someone-else", "agent-hub", Clock.systemUTC())
                .issue("x", every, tenants, Duration.ofHours(1)));
        bad.put("another audience", EmbeddedIssuer.load(hubKeys, "agent-hub", "another-service", Clock.systemUTC())
                .issue("x", every, tenants, Duration.ofHours(1)));
        bad.put("another key's signature", EmbeddedIssuer.load(new KeyFiles(strangerKeys, strangerKeys), "agent-hub", "agent-hub",
                Clock.systemUTC()).issue("x", every, tenants, Duration.ofHours(1)));
        String good = hub.everyRole();
        String[] parts = good.split("\\.");
        String otherPayload = SignedJWT.parse(hub.token("someone", every, "demo-bank")).getPayload().toBase64URL().toString();
        bad.put("a payload not the one signed", parts[0] + "." + otherPayload + "." + parts[2]);
        JWTClaimsSet claims = SignedJWT.parse(good).getJWTClaimsSet();
        bad.put("alg none", new PlainJWT(claims).serialize());
        ECKey publicKey = ECKey.parse(Files.readString(hubKeys.keysDir().resolve("token-signing-key.jwk"))).toPublicJWK();
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(publicKey.getKeyID()).build(), claims);
        byte[] secret = publicKey.toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        hmac.sign(new MACSigner(secret));
        bad.put("HMAC keyed with the public key", hmac.serialize());
        bad.put("no roles", EmbeddedIssuer.load(hubKeys, "agent-hub", "agent-hub", Clock.systemUTC())
                .issue("x", Set.of(), tenants, Duration.ofHours(1)));
        bad.put("not a JWT", "hello");
        return bad;
    }
}
