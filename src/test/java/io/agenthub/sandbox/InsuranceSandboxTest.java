package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InsuranceSandboxTest {

    private static final String INS = "/insurance";
    private static final String COLLISION_CLAIM = """
            {"policyNumber":"POL-MOT-100234","dateOfLoss":"2026-11-18","lossType":"COLLISION",
             "description":"Rear-ended at a red light.","estimatedAmount":2350.00,"currency":"EUR",
             "location":"Marktplatz, Nordheim"}""";

    private SandboxClient client;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

    private Reply fileClaim(String key, String json) {
        return client.post(INS + "/claims", key, json);
    }

    @Test
    void aCustomersPoliciesAreListed() {
        Reply reply = client.get(INS + "/customers/C-1001/policies");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(values(reply.json(), "policyNumber")).containsExactly("POL-MOT-100234", "POL-HOM-200117");
        JsonNode motor = reply.json().get(0);
        assertThat(motor.get("product").asText()).isEqualTo("MOTOR");
        assertThat(motor.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(motor.get("startDate").asText()).isEqualTo("2026-03-01");
        assertThat(motor.get("endDate").asText()).isEqualTo("2027-02-28");
        assertThat(reply.body()).contains("\"sumInsured\":28000.00", "\"deductible\":300.00");
    }

    @Test
    void policiesOfAnUnknownCustomerAre404() {
        assertThat(client.get(INS + "/customers/C-4242/policies").status()).isEqualTo(404);
    }

    @Test
    void aPolicyIsReadByNumber() {
        Reply reply = client.get(INS + "/policies/POL-MOT-100871");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("customerId").asText()).isEqualTo("C-1003");
        assertThat(reply.json().get("status").asText()).isEqualTo("LAPSED");
    }

    @Test
    void anUnknownPolicyIs404() {
        assertThat(client.get(INS + "/policies/POL-XXX-000000").status()).isEqualTo(404);
        assertThat(client.get(INS + "/policies/POL-XXX-000000/claims").status()).isEqualTo(404);
    }

    @Test
    void aPolicysClaimsAreListed() {
        Reply reply = client.get(INS + "/policies/POL-HOM-200389/claims");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(values(reply.json(), "claimNumber")).containsExactly("CLM-2026-005207");
        assertThat(reply.json().get(0).get("status").asText()).isEqualTo("IN_REVIEW");
    }

    @Test
    void aPolicyWithoutClaimsHasAnEmptyList() {
        Reply reply = client.get(INS + "/policies/POL-HOM-200117/claims");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEmpty();
    }

    @Test
    void aSettledClaimShowsTheSettledAmount() {
        Reply reply = client.get(INS + "/claims/CLM-2026-004512");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("SETTLED");
        assertThat(reply.body()).contains("\"settledAmount\":480.00");
    }

    @Test
    void anUnknownClaimIs404() {
        assertThat(client.get(INS + "/claims/CLM-1999-000001").status()).isEqualTo(404);
    }

    @Test
    void filingAClaimOpensItAndListsItUnderThePolicy() {
        Reply reply = fileClaim("claim-1", COLLISION_CLAIM);

        assertThat(reply.status()).isEqualTo(201);
        JsonNode claim = reply.json();
        String claimNumber = claim.get("claimNumber").asText();
        assertThat(claimNumber).matches("CLM-2026-\\d{6}");
        assertThat(claim.get("status").asText()).isEqualTo("OPEN");
        assertThat(claim.get("customerId").asText()).isEqualTo("C-1001");
        assertThat(claim.get("reportedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(claim.get("location").asText()).isEqualTo("Marktplatz, Nordheim");
        assertThat(reply.body()).contains("\"estimatedAmount\":2350.00");
        assertThat(reply.header("Location")).isEqualTo("/insurance/claims/" + claimNumber);

        assertThat(client.get(reply.header("Location")).body()).isEqualTo(reply.body());
        assertThat(values(client.get(INS + "/policies/POL-MOT-100234/claims").json(), "claimNumber"))
                .containsExactly(claimNumber, "CLM-2026-004512");
    }

    @Test
    void filingAClaimTwiceWithTheSameKeyRegistersItOnce() {
        Reply first = fileClaim("claim-once", COLLISION_CLAIM);
        Reply second = fileClaim("claim-once", COLLISION_CLAIM);

        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(client.get(INS + "/policies/POL-MOT-100234/claims").json()).hasSize(2);
    }

    @Test
    void reusingAClaimKeyForADifferentClaimIsAConflict() {
        fileClaim("claim-once", COLLISION_CLAIM);

        Reply reply = fileClaim("claim-once", COLLISION_CLAIM.replace("2350.00", "2900.00"));

        assertThat(reply.status()).isEqualTo(409);
        assertThat(client.get(INS + "/policies/POL-MOT-100234/claims").json()).hasSize(2);
    }

    @Test
    void aClaimOnALapsedPolicyIs422() {
        Reply reply = fileClaim("claim-lapsed", COLLISION_CLAIM.replace("POL-MOT-100234", "POL-MOT-100871"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("policy-not-active");
        assertThat(reply.json().get("detail").asText()).contains("LAPSED");
        assertThat(client.get(INS + "/policies/POL-MOT-100871/claims").json()).isEmpty();
    }

    @Test
    void aLossBeforeThePolicyStartedIs422() {
        Reply reply = fileClaim("claim-early", COLLISION_CLAIM.replace("2026-11-18", "2026-02-27"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("loss-date-outside-cover");
    }

    @Test
    void aLossInTheFutureIs422() {
        Reply reply = fileClaim("claim-future", COLLISION_CLAIM.replace("2026-11-18", "2026-11-23"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("loss-date-in-future");
    }

    @Test
    void aLossOnTheFirstDayOfCoverIsAccepted() {
        assertThat(fileClaim("claim-day-one", COLLISION_CLAIM.replace("2026-11-18", "2026-03-01")).status())
                .isEqualTo(201);
    }

    @Test
    void aLossTypeTheProductDoesNotCoverIs422() {
        Reply reply = fileClaim("claim-baggage", COLLISION_CLAIM.replace("COLLISION", "BAGGAGE_LOSS"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("loss-type-not-covered");
    }

    @Test
    void aCurrencyOtherThanThePolicysIs422() {
        Reply reply = fileClaim("claim-gbp", COLLISION_CLAIM.replace("\"EUR\"", "\"GBP\""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("currency-mismatch");
    }

    @Test
    void aClaimOnAnUnknownPolicyIs422() {
        Reply reply = fileClaim("claim-nopolicy", COLLISION_CLAIM.replace("POL-MOT-100234", "POL-MOT-999999"));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.problemType()).isEqualTo("unknown-policy");
    }

    @Test
    void aRejectedClaimDoesNotBurnTheKey() {
        fileClaim("claim-retry", COLLISION_CLAIM.replace("2026-11-18", "2026-11-30"));

        assertThat(fileClaim("claim-retry", COLLISION_CLAIM).status()).isEqualTo(201);
    }

    @Test
    void missingAndMalformedFieldsAreA400ListingEachField() {
        Reply reply = fileClaim("claim-bad", """
                {"policyNumber":"POL-MOT-100234","dateOfLoss":"18/11/2026","lossType":"ALIENS",
                 "estimatedAmount":-3,"currency":"EUR"}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(values(reply.json().get("errors"), "field"))
                .containsExactlyInAnyOrder("dateOfLoss", "lossType", "description", "estimatedAmount");
    }

    @Test
    void aClaimWithoutAnIdempotencyKeyIs428() {
        assertThat(fileClaim(null, COLLISION_CLAIM).status()).isEqualTo(428);
        assertThat(client.get(INS + "/policies/POL-MOT-100234/claims").json()).hasSize(1);
    }

    @Test
    void malformedJsonIsA400() {
        Reply reply = fileClaim("claim-broken", "{\"policyNumber\": \"POL-MOT-100234\",,}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anOversizedClaimIs413() {
        String huge = COLLISION_CLAIM.replace("Rear-ended at a red light.", "x".repeat(80_000));

        assertThat(fileClaim("claim-huge", huge).status()).isEqualTo(413);
    }
}
