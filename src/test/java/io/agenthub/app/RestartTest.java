package io.agenthub.app;

import io.agenthub.RunningHub;
import io.agenthub.sandbox.SandboxActions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

class RestartTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void aRequestIsStillFoundAfterAStopAndRestartOnTheSameDataDirectory() throws Exception {
        String body = request("C-1001", "I lost my card", "restart-key-1");
        String answer = hub.postRequest(body).body();
        String requestId = json(answer).path("requestId").asText();

        hub.stop();
        hub.start();

        var lookup = hub.get("/api/v1/requests/" + requestId);
        assertThat(lookup.statusCode()).isEqualTo(200);
        assertThat(json(lookup.body()).path("reply")).isEqualTo(json(answer));
        // and the idempotency key still holds across the restart
        assertThat(hub.postRequest(body).body()).isEqualTo(answer);
    }

    @Test
    void theEmbeddedSandboxKeepsWhatItDidInTheDataDirectoryAcrossARestart() throws Exception {
        hub.postRequest(request("C-1004", "I lost my card", "restart-key-2"));
        List<SandboxActions.Action> before = hub.sandbox().actions().after(0);
        assertThat(before).extracting(SandboxActions.Action::targetId).contains("CRD-1004-1");

        hub.stop();
        hub.start();

        assertThat(hub.sandbox().stateFile()).contains(hub.dataDir().resolve("sandbox").resolve("journal.jsonl"));
        assertThat(hub.sandbox().actions().after(0)).isEqualTo(before);
        assertThat(json(hub.sandboxGet("/core-banking/customers/C-1004/cards").body()).findValuesAsText("status"))
                .containsExactly("BLOCKED");
    }
}
