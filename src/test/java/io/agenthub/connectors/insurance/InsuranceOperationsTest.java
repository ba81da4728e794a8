package io.agenthub.connectors.insurance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.api.BackendRefusedException;
import io.agenthub.app.JsonMapper;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;
import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.sandbox.SandboxSeed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The insurance operations the claims pipeline uses, against the insurance sandbox: each call is an operation of the
 * contract (connectors/insurance.openapi.yaml), and the sandbox's answers read back into the typed records, with a
 * payout made once under its key and refused for a claim already paid.
 */
class InsuranceOperationsTest {

    private static final ObjectMapper JSON = JsonMapper.create();
    private static SandboxBackends sandbox;
    private final InsuranceOperations operations = new InsuranceOperations(JSON);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = SandboxBackends.start("127.0.0.1", 0, SandboxSeed.fromDirectory(Path.of("connectors", "sandbox")),
                Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** What the connector's route does, in short: method, path, Idempotency-Key and JSON body; the answer's JSON. */
    private ConnectorResponse send(ConnectorCall call) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.insuranceUrl() + call.path()))
                .header("Accept", "application/json");
        if (call.idempotencyKey() != null) {
            request.header("Idempotency-Key", call.idempotencyKey());
        }
        if (call.body() == null) {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(call.body())));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new ConnectorResponse(answer.statusCode(), answer.body().isEmpty() ? null : JSON.readTree(answer.body()));
    }

    @Test
    void everyCallIsAnOperationOfTheContract() throws Exception {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/insurance.openapi.yaml").toFile())
                .path("paths");
        List<ConnectorCall> calls = List.of(operations.getPolicy("POL-HOM-200117"), operations.listPolicies("C-1001"),
                operations.listClaims("POL-HOM-200117"),
                operations.fileClaim(new ClaimFiling("POL-HOM-200117", LocalDate.parse("2026-11-20"), "FIRE", "x", null,
                        "EUR", null), "k-1"),
                operations.payClaim("CLM-1", BigDecimal.TEN, "EUR", null, "k-2"),
                operations.sendLetter("CLM-1", "claim-paid", "v1", "text", "k-3"));

        for (ConnectorCall call : calls) {
            String template = null;
            for (var names = paths.fieldNames(); names.hasNext(); ) {
                String candidate = names.next();
                if (call.path().matches(candidate.replaceAll("\\{[^}]+}", "[^/]+"))) {
                    template = candidate;
                }
            }
            assertThat(template).as(call.operation() + " " + call.path() + " in the contract").isNotNull();
            assertThat(paths.path(template).has(call.method().toLowerCase(Locale.ROOT))).as(call.method() + " " + template).isTrue();
        }
    }

    @Test
    void aClaimIsFiledPaidOnceAndWrittenTo() throws Exception {
        Policy policy = operations.policy(send(operations.getPolicy("POL-HOM-200117"))).orElseThrow();
        assertThat(policy.customerId()).isEqualTo("C-1001");
        assertThat(policy.covers(LocalDate.parse("2026-11-20"))).isTrue();
        assertThat(operations.policy(send(operations.getPolicy("POL-NOPE-000000")))).isEmpty();
        assertThat(operations.policies(send(operations.listPolicies("C-1001")))).extracting(Policy::policyNumber)
                .containsExactly("POL-MOT-100234", "POL-HOM-200117");
        assertThat(operations.policies(send(operations.listPolicies("C-4242")))).isEmpty();

        // No estimate: an adjuster estimates it; the claim is filed all the same.
        Claim filed = operations.filed(send(operations.fileClaim(new ClaimFiling("POL-HOM-200117", LocalDate.parse("2026-11-20"),
                "WATER_DAMAGE", "A pipe burst.", null, "EUR", null), "req-1:file-claim")));
        assertThat(filed.status()).isEqualTo("OPEN");
        assertThat(filed.estimatedAmount()).isNull();
        assertThat(operations.claims(send(operations.listClaims("POL-HOM-200117")))).extracting(Claim::claimNumber)
                .contains(filed.claimNumber());

        String key = "req-1:pay-claim:" + filed.claimNumber();
        Payout paid = operations.paid(send(operations.payClaim(filed.claimNumber(), new BigDecimal("600.00"), "EUR", "req-1", key)));
        Payout again = operations.paid(send(operations.payClaim(filed.claimNumber(), new BigDecimal("600.00"), "EUR", "req-1", key)));
        assertThat(again.payoutId()).isEqualTo(paid.payoutId());
        assertThat(sandbox.actions().after(0).stream().filter(a -> a.operation().equals("pay-claim")
                && a.targetId().equals(filed.claimNumber()))).hasSize(1);
        assertThatThrownBy(() -> operations.paid(send(operations.payClaim(filed.claimNumber(), new BigDecimal("600.00"),
                "EUR", "req-2", "another-key")))).isInstanceOf(BackendRefusedException.class).hasMessageContaining("claim-not-payable");

        Letter letter = operations.sent(send(operations.sendLetter(filed.claimNumber(), "claim-paid", "v1", "Paid.", key + ":letter")));
        assertThat(letter.templateVersion()).isEqualTo("v1");
        JsonNode letters = send(ConnectorCall.get("list-letters", "/claims/" + filed.claimNumber() + "/letters")).body();
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("customerId").asText()).isEqualTo("C-1001");
    }

    @Test
    void whatThePolicyCannotPayIsRefused() throws Exception {
        Claim filed = operations.filed(send(operations.fileClaim(new ClaimFiling("POL-MOT-100234", LocalDate.parse("2026-11-18"),
                "COLLISION", "Rear-ended.", new BigDecimal("2350.00"), "EUR", null), "req-3:file-claim")));

        assertThatThrownBy(() -> operations.paid(send(operations.payClaim(filed.claimNumber(), new BigDecimal("100.00"), "GBP",
                null, "k-gbp")))).hasMessageContaining("currency-mismatch");
        assertThatThrownBy(() -> operations.paid(send(operations.payClaim(filed.claimNumber(), new BigDecimal("28000.01"), "EUR",
                null, "k-over")))).hasMessageContaining("over-sum-insured");
        assertThatThrownBy(() -> operations.filed(send(operations.fileClaim(new ClaimFiling("POL-MOT-100871",
                LocalDate.parse("2026-11-18"), "COLLISION", "x", null, "EUR", null), "k-lapsed"))))
                .hasMessageContaining("policy-not-active");
    }
}
