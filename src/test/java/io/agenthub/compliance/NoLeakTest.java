package io.agenthub.compliance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data goes in at the door and is found nowhere after it: not in the logs, the audit records,
 * the metrics, any database table outside the vault, nor any file the hub writes outside the broker's
 * journal (the caller's own JMS messages, like its HTTP bodies, are transport, not the hub's record).
 */
class NoLeakTest {

    /** Every log event of the whole run, the hub's own loggers at DEBUG. */
    private static final ListAppender<ILoggingEvent> LOGS = captureLogs();

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

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        ((Logger) LoggerFactory.getLogger("io.agenthub")).setLevel(Level.DEBUG);
        return appender;
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
        String answer = esb.requestBody("jms:queue:hub.requests?requestTimeout=20000",
                request("C-1004", "Margaret Thornton here, card 5500 0055 5555 5559 is gone", "no-leak-jms"), String.class);
        requestIds.add(json(answer).path("requestId").asText());
        esb.stop();
        assertThat(hub.postRequest("{\"tenant\":\"demo-bank\",\"channel\":\"fax\",\"subjectId\":\"C-1\",\"text\":\"card "
                + "4111 1111 1111 1111\"}").statusCode()).isEqualTo(400);
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
        StringBuilder logs = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(LOGS.list)) {
            logs.append(event.getFormattedMessage()).append('\n');
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                logs.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    logs.append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        assertThat(LOGS.list).isNotEmpty();
        assertNoOriginalIn("the log", logs.toString());
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
    void noTableOutsideTheVaultHoldsAnOriginal() {
        JdbcTemplate jdbc = jdbc();
        List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' AND table_type = 'BASE TABLE'", String.class);
        assertThat(tables).contains("HUB_REQUEST", "HUB_REQUEST_STEP", "HUB_REVIEW", "AUDIT_CHECKPOINT", "VAULT_VALUE");
        for (String table : tables) {
            String rows = jdbc.queryForList("SELECT * FROM \"" + table + "\"").toString();
            // the vault holds the originals, sealed: not one of them in clear
            assertNoOriginalIn("table " + table, rows);
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
