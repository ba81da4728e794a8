package io.agenthub.compliance;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.testing.LogCapture;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data goes in at the door and is found nowhere after it: not in the logs (the hub's, Camel's, Vert.x's,
 * Netty's and the broker's, all at DEBUG), the audit records, the metrics, any column of any database table outside
 * the vault, any field a GET answers with, nor any file the hub writes outside the broker's journal (the caller's
 * own JMS messages, like its HTTP bodies, are transport, not the hub's record). That holds for the caller's ids too:
 * a correlationId or idempotencyKey carrying personal data is refused.
 */
class NoLeakTest {

    /** Every log event of the whole run, every logger a request passes at DEBUG. */
    private static final LogCapture LOGS = LogCapture.atDebug();

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.audit.append-period-ms", "200");

    /** What the requests below carry, as the customer wrote it, and in the other ways it could be spelled. */
    private static final List<String> ORIGINALS = List.of(
            "4111 1111 1111 1111", "4111111111111111", "4111-1111-1111-1111",
            "5500 0055 5555 5559", "5500005555555559",
            "Margaret Thornton", "Thornton", "Oliver Brennan", "Brennan",
            "+44 20 7946 0958", "7946 0958", "79460958",
            "GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432",
            "margaret.thornton@example.org",
            "536-22-1844", "536221844",
            "203.0.113.77");

    private static final List<String> TEXTS = List.of(
            "I lost my card 4111 1111 1111 1111 yesterday. This is Margaret Thornton, please call me on +44 20 7946 0958.",
            "Please send the refund to GB82 WEST 1234 5698 7654 32 and email margaret.thornton@example.org when done.",
            "My SSN is 536-22-1844 and my IP is 203.0.113.77, can you check my identity?",
            "Hi, it's Oliver Brennan again. Card 5500 0055 5555 5559 was stolen at the station.",
            "My card 4111-1111-1111-1111 was stolen, Margaret Thornton here");

    private static final List<String> requestIds = new ArrayList<>();

    private static final String OPAQUE_ID = "esb-7f3a9c2e-0b41-4d7e-9a52-1c6f0e8b3d27";

    @AfterAll
    static void restoreLogLevels() {
        LOGS.close();
    }

    @BeforeAll
    static void sendPersonalData() throws Exception {
        for (String text : TEXTS) {
            var response = hub.postRequest(request("C-1001", text, null));
            assertThat(response.statusCode()).isEqualTo(200);
            requestIds.add(json(response.body()).path("requestId").asText());
        }
        // the same over JMS, and a refused request, whose problem must not echo the text either
        ProducerTemplate esb = hub.camel().createProducerTemplate();
        String answer = esb.requestBodyAndHeader("jms:queue:hub.requests?requestTimeout=20000",
                request("C-1004", "Margaret Thornton here, card 5500 0055 5555 5559 is gone", "no-leak-jms"),
                "Authorization", hub.channelAuthorization("demo-bank"), String.class);
        requestIds.add(json(answer).path("requestId").asText());
        esb.stop();
        assertThat(hub.postRequest("{\"tenant\":\"demo-bank\",\"channel\":\"fax\",\"subjectId\":\"C-1\",\"text\":\"card "
                + "4111 1111 1111 1111\"}").statusCode()).isEqualTo(400);
        // the caller's own ids carrying personal data: refused, naming the field, and stored nowhere
        for (String id : List.of("margaret.thornton@example.org", "4111111111111111", "GB82WEST12345698765432")) {
            for (String field : List.of("correlationId", "idempotencyKey")) {
                var refused = hub.postRequest(json(request("C-1001", "I lost my card", null)).deepCopy()
                        .<com.fasterxml.jackson.databind.node.ObjectNode>require().put(field, id).toString());
                assertThat(refused.statusCode()).as(field + " " + id).isEqualTo(400);
                assertThat(json(refused.body()).path("errors").findValuesAsText("field")).containsExactly(field);
            }
        }
        // an opaque correlationId is kept as sent
        var withId = hub.postRequest(json(request("C-1001", "I lost my card", null))
                .<com.fasterxml.jackson.databind.node.ObjectNode>require().put("correlationId", OPAQUE_ID).toString());
        assertThat(withId.statusCode()).isEqualTo(200);
        requestIds.add(json(withId.body()).path("requestId").asText());
        // a contested decision: its statement is personal data too
        assertThat(hub.post("/api/v1/requests/" + requestIds.get(0) + "/contest",
                "{\"statement\":\"I am Margaret Thornton, card 4111 1111 1111 1111 is mine\"}", "application/json")
                .statusCode()).isEqualTo(202);
        JdbcTemplate jdbc = jdbc();
        await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.queryForObject("SELECT COUNT(*) FROM hub_request_step WHERE leaf_index IS NULL", Integer.class) == 0);
    }

    @Test
    void theStoredRequestHoldsTokensWhereTheCustomerWroteValues() throws Exception {
        JsonNode stored = json(hub.get("/api/v1/requests/" + requestIds.get(0)).body());

        assertThat(stored.path("text").asText()).isEqualTo(
                "I lost my card <CREDIT_CARD_1> yesterday. This is <PERSON_1>, please call me on <PHONE_NUMBER_1>.");
        JsonNode received = stored.path("steps").get(0).path("detail");
        assertThat(received.path("redacted").path("CREDIT_CARD").asInt()).isEqualTo(1);
        assertThat(received.path("textDigest").asText()).startsWith("sha256:");
        // the same card, written another way in a later request, is the same token
        assertThat(json(hub.get("/api/v1/requests/" + requestIds.get(4)).body()).path("text").asText())
                .isEqualTo("My card <CREDIT_CARD_1> was stolen, <PERSON_1> here");
    }

    @Test
    void noLogLineHoldsAnOriginal() {
        assertThat(LOGS.events()).isNotEmpty();
        assertThat(LOGS.events()).anyMatch(e -> e.getLevel() == Level.DEBUG && e.getLoggerName().startsWith("org.apache.camel"));
        assertNoOriginalIn("the log", LOGS.text());
    }

    @Test
    void noFieldAGetAnswersWithHoldsAnOriginal() throws Exception {
        List<String> paths = new ArrayList<>(List.of("/api/v1/reviews", "/api/v1/reviews?status=pending&limit=500"));
        for (String id : requestIds) {
            paths.add("/api/v1/requests/" + id);
            paths.add("/api/v1/requests/" + id + "/explanation");
        }
        for (String path : paths) {
            var response = hub.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertNoOriginalIn("GET " + path, response.body());
        }
        JsonNode withId = json(hub.get("/api/v1/requests/" + requestIds.get(requestIds.size() - 1)).body());
        assertThat(withId.path("correlationId").asText()).isEqualTo(OPAQUE_ID);
    }

    @Test
    void noAuditRecordHoldsAnOriginal() {
        List<String> records = jdbc().queryForList("SELECT step || ' ' || detail_json FROM hub_request_step", String.class);
        assertThat(records).hasSizeGreaterThan(TEXTS.size() * 3);
        assertNoOriginalIn("the audit records", String.join("\n", records));
    }

    @Test
    void noMetricHoldsAnOriginal() throws Exception {
        var metrics = hub.get("/observe/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertNoOriginalIn("the metrics", metrics.body());
    }

    @Test
    void noColumnOfAnyTableOutsideTheVaultHoldsAnOriginal() {
        JdbcTemplate jdbc = jdbc();
        List<Map<String, Object>> columns = jdbc.queryForList("SELECT c.table_name, c.column_name FROM information_schema.columns c"
                + " JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name"
                + " WHERE c.table_schema = 'PUBLIC' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position");
        assertThat(columns).extracting(c -> c.get("TABLE_NAME") + "." + c.get("COLUMN_NAME"))
                .contains("HUB_REQUEST.CORRELATION_ID", "HUB_REQUEST.IDEMPOTENCY_KEY", "HUB_REQUEST.REQUEST_TEXT",
                        "HUB_REQUEST_STEP.DETAIL_JSON", "HUB_REVIEW.ATTEMPTS_JSON", "VAULT_VALUE.CIPHERTEXT");
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            StringBuilder values = new StringBuilder();
            for (Object value : jdbc.queryForList("SELECT \"" + name + "\" FROM \"" + table + "\"", Object.class)) {
                // binary columns are read as bytes, in both the encodings an original could be written in
                values.append(value instanceof byte[] bytes
                        ? new String(bytes, StandardCharsets.ISO_8859_1) + "\n" + new String(bytes, StandardCharsets.UTF_16BE)
                        : String.valueOf(value)).append('\n');
            }
            // the vault holds the originals, sealed: not one of them in clear
            assertNoOriginalIn("column " + table + "." + name, values.toString());
        }
    }

    @Test
    void noFileTheHubWroteHoldsAnOriginalOutsideTheBrokersJournal() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(hub.dataDir())) {
            files = walk.filter(Files::isRegularFile)
                    .filter(f -> !hub.dataDir().relativize(f).startsWith("broker")).toList();
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().endsWith(".mv.db"));
        for (Path file : files) {
            assertNoOriginalIn("file " + hub.dataDir().relativize(file),
                    new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
    }

    private static void assertNoOriginalIn(String where, String content) {
        String lower = content.toLowerCase(Locale.ROOT);
        for (String original : ORIGINALS) {
            assertThat(lower).as("%s must not hold \"%s\"", where, original)
                    .doesNotContain(original.toLowerCase(Locale.ROOT));
        }
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(hub.camel().getRegistry().lookupByNameAndType("hubDataSource", DataSource.class));
    }
}
