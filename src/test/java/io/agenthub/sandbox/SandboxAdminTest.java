package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.sandbox.SandboxClient.Reply;
import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SandboxAdminTest {

    private static final String BLOCK_LOST = "{\"reason\":\"LOST\"}";
    private static final String PAYMENT = """
            {"fromAccountId":"ACC-1001-01","creditorName":"Brightwater Energy Ltd",
             "creditorIban":"GB02 AGHB 4011 2273 3109 84","amount":100.00,"currency":"EUR"}""";

    private SandboxClient client;
    private SandboxFaults faults;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
        faults = client.sandbox.faults();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void appliedWritesAreListedInOrderAndReplaysAndFailuresAreNot() {
        client.post("/core-banking/cards/CRD-1001-1/block", "block-1", BLOCK_LOST);
        client.post("/core-banking/cards/CRD-1001-1/block", "block-1", BLOCK_LOST);
        client.post("/core-banking/cards/CRD-NONE/block", "block-2", BLOCK_LOST);
        client.post("/core-banking/payments", "pay-1", PAYMENT);

        JsonNode actions = client.get("/sandbox/actions").json();

        assertThat(actions).hasSize(2);
        assertThat(actions.get(0).get("sequence").asLong()).isEqualTo(1);
        assertThat(actions.get(0).get("operation").asText()).isEqualTo("block-card");
        assertThat(actions.get(0).get("targetId").asText()).isEqualTo("CRD-1001-1");
        assertThat(actions.get(0).get("idempotencyKey").asText()).isEqualTo("block-1");
        assertThat(actions.get(0).get("at").asText()).isEqualTo(SandboxClient.NOW.toString());
        assertThat(actions.get(1).get("operation").asText()).isEqualTo("submit-payment");
        assertThat(actions.get(1).get("targetId").asText()).isEqualTo("ACC-1001-01");
    }

    @Test
    void aSecondBlockOfOneCardUnderAnotherKeyIsARepeatedAction() {
        client.post("/core-banking/cards/CRD-1001-1/block", "block-1", BLOCK_LOST);
        client.post("/core-banking/cards/CRD-1001-1/block", "block-2", BLOCK_LOST);

        assertThat(client.sandbox.actions().after(0))
                .extracting(SandboxActions.Action::idempotencyKey)
                .containsExactly("block-1", "block-2");
    }

    @Test
    void afterListsOnlyTheNewerActions() {
        client.post("/core-banking/cards/CRD-1001-1/block", "block-1", BLOCK_LOST);
        client.post("/core-banking/payments", "pay-1", PAYMENT);

        JsonNode newer = client.get("/sandbox/actions?after=1").json();

        assertThat(newer).hasSize(1);
        assertThat(newer.get(0).get("sequence").asLong()).isEqualTo(2);
        assertThat(client.get("/sandbox/actions?after=x").status()).isEqualTo(400);
    }

    @Test
    void faultsArmedOverHttpActLikeFaultsArmedInProcess() {
        Reply armed = client.post("/sandbox/faults", null, """
                {"failNext":{"pathPrefix":"/insurance","count":1,"status":503},
                 "delay":{"pathPrefix":"/core-banking/customers","millis":50},
                 "dropReplyAfterApply":{"pathPrefix":"/core-banking/cards","count":2}}""");

        assertThat(armed.status()).isEqualTo(204);
        assertThat(faults.pendingFailures("/insurance")).isEqualTo(1);
        assertThat(faults.delayFor("/core-banking/customers/C-1001")).isEqualTo(Duration.ofMillis(50));
        assertThat(faults.pendingDroppedReplies("/core-banking/cards")).isEqualTo(2);
    }

    @Test
    void aBadOrderIsRefusedWholeAndArmsNothing() {
        Reply refused = client.post("/sandbox/faults", null, """
                {"failNext":{"pathPrefix":"/insurance","count":1,"status":503},
                 "dropReplyAfterApply":{"pathPrefix":"no-slash","count":1}}""");
        Reply unknownField = client.post("/sandbox/faults", null, "{\"failEverything\":true}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.problemType()).isEqualTo("invalid-fault");
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(faults.pendingFailures("/insurance")).isZero();
    }

    @Test
    void deleteClearsEveryFault() {
        faults.failNext("/core-banking", 5, 500);

        Reply cleared = client.send(client.request("/sandbox/faults").DELETE().build());

        assertThat(cleared.status()).isEqualTo(204);
        assertThat(faults.pendingFailures("/core-banking")).isZero();
    }

    @Test
    void faultsArmedOnEveryPathLeaveTheAdminApiReachable() {
        faults.failNext("/", 10, 503);
        faults.dropReplyAfterApply("/", 10);

        assertThat(client.get("/sandbox/actions").status()).isEqualTo(200);
        assertThat(client.send(client.request("/sandbox/faults").DELETE().build()).status()).isEqualTo(204);
        assertThat(client.get("/core-banking/customers/C-1001").status()).isEqualTo(200);
    }

    @Test
    void onlyLoopbackClientsMayUseTheAdminApi() {
        assertThat(SandboxAdmin.isLoopback(SocketAddress.inetSocketAddress(40000, "127.0.0.1"))).isTrue();
        assertThat(SandboxAdmin.isLoopback(SocketAddress.inetSocketAddress(40000, "::1"))).isTrue();
        assertThat(SandboxAdmin.isLoopback(SocketAddress.inetSocketAddress(40000, "10.1.2.3"))).isFalse();
        assertThat(SandboxAdmin.isLoopback(null)).isFalse();
    }

    @Test
    void anAdminPathThatDoesNotExistIsAProblem() {
        Reply reply = client.send(client.request("/sandbox/nothing").GET().build());

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
