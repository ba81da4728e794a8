package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;


import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `subject export` and `subject erase` on a running hub's data, and the audit log after an erasure. The hub and
 * the commands share the database as an operator would let them (hub.db.shared), so the hub need not stop.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubjectCliTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.db.shared", "true");

    /** The operator's settings file for the commands: the same hub.db.shared as the hub's. */
    private static final String SHARED = Path.of("src/test/resources/shared-database.properties").toAbsolutePath().toString();

    private static final String WRITTEN = "I lost my card. This is Margaret Thornton, mail me at margaret.thornton@example.org";


    private final CliRun cli = new CliRun();

    /** The command, pointed at the hub's data directory and settings. */
    private static String[] onTheHub(String... command) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of("--data-dir", hub.dataDir().toString(), "--config", SHARED));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(1)
    void exportGivesBackEverythingHeldReadable() throws Exception {
        assertThat(hub.postRequest(request("C-1001", WRITTEN, null)).statusCode()).isEqualTo(200);
        assertThat(hub.postRequest(request("C-1004", "My card was stolen, Oliver Brennan", null)).statusCode()).isEqualTo(200);

        assertThat(cli.run(onTheHub("subject", "export", "--id", "C-1001"))).as(cli.err()).isZero();

        JsonNode export = json(cli.out());
        assertThat(export.path("subject").path("tenant").asText()).isEqualTo("demo-bank");
        assertThat(export.path("personalData").findValuesAsText("value"))
                .containsExactlyInAnyOrder("Margaret Thornton", "margaret.thornton@example.org");
        JsonNode request = export.path("requests").get(0);
        assertThat(request.path("textAsWritten").asText()).isEqualTo(WRITTEN);
        assertThat(request.path("text").asText()).isEqualTo("I lost my card. This is <PERSON_1>, mail me at <EMAIL_ADDRESS_1>");
        assertThat(request.path("steps").findValuesAsText("step")).contains("received", "classified", "replied");
        assertThat(cli.out()).doesNotContain("Oliver Brennan");
    }

    @Test
    @Order(2)
    void eraseShredsTheKeyBlanksTheTextsAndIsAudited() throws Exception {
        assertThat(cli.run(onTheHub("subject", "erase", "--id", "C-1001", "--reason", "DSR-2026-117")))
                .as(cli.err()).isZero();
        assertThat(cli.out()).contains("Erased demo-bank/C-1001: key destroyed, 2 personal values, 1 request texts");

        cli.clearOut();
        assertThat(cli.run(onTheHub("subject", "export", "--id", "C-1001"))).isZero();
        JsonNode export = json(cli.out());
        assertThat(export.path("personalData")).isEmpty();
        assertThat(export.path("requests").get(0).path("text").asText()).isEqualTo("<erased>");
        assertThat(export.path("erasures").get(0).path("reason").asText()).isEqualTo("DSR-2026-117");
        assertThat(cli.out()).doesNotContain("Margaret").doesNotContain("margaret.thornton@example.org");
        // the other subject is untouched
        cli.clearOut();
        assertThat(cli.run(onTheHub("subject", "export", "--id", "C-1004"))).isZero();
        assertThat(cli.out()).contains("Oliver Brennan");
    }

    @Test
    @Order(3)
    void theAuditLogStillVerifiesAndHoldsTheErasure() throws Exception {
        hub.stop();

        assertThat(cli.run(onTheHub("audit", "verify"))).as(cli.err()).isZero();
        assertThat(cli.out()).contains("audit log verifies").contains("0 events not yet appended");
    }

    @Test
    @Order(4)
    void anUnknownSubjectOrDirectoryIsAClearError() {
        assertThat(cli.run(onTheHub("subject", "erase", "--id", "C-9999"))).isEqualTo(1);
        assertThat(cli.err()).contains("No data is held for subject 'C-9999'");
        assertThat(cli.run("subject", "export", "--id", "C-1001", "--data-dir", hub.dataDir().resolve("nowhere").toString()))
                .isEqualTo(1);
        assertThat(cli.err()).contains("no hub database at");
    }
}
