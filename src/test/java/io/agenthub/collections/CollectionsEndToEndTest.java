package io.agenthub.collections;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.RunningHub;
import io.agenthub.access.Role;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collections job on the whole hub, over the sandbox back office's seeded accounts
 * (connectors/sandbox/back-office-seed.json), run on demand as an operator runs it: each due account is contacted once
 * with its bucket's message on JMS hub.outreach, vulnerable customers and recoveries go to people, an offer waits for
 * approval, accounts over a contact limit are left alone, and a second run in the same cycle contacts no one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectionsEndToEndTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.publications.period-ms", "200");

    /** Accounts the seed makes due for a message, by the template of their bucket. */
    private static final Map<String, String> MESSAGED = Map.of(
            "L-2001", "collections-pre-due", "K-3005", "collections-pre-due", "L-2009", "collections-1-30",
            "K-3001", "collections-1-30", "K-3004", "collections-31-60", "L-2008", "collections-61-90");
    /** Accounts whose customer's channel keeps quiet hours (SMS, APP), with the customer's quiet hours and zone. */
    private static final Map<String, Object[]> QUIET = Map.of(
            "K-3001", new Object[] {"Europe/London", LocalTime.of(20, 0), LocalTime.of(9, 0)},
            "K-3005", new Object[] {"Europe/Amsterdam", LocalTime.of(21, 0), LocalTime.of(8, 0)});

    private String operator() {
        return hub.token("ops", Set.of(Role.OPERATOR), "demo-bank");
    }

    @Test
    @Order(1)
    void aRunContactsEachDueAccountOnceWithItsBucketsMessageAndSendsTheRestToPeople() throws Exception {
        Set<String> quietBefore = inQuietHours();
        JsonNode run = runCollections(false);
        Set<String> quietAfter = inQuietHours();

        assertThat(run.path("status").asText()).isEqualTo("completed");
        // 12 accounts have money due in the reminder window or past it (the seed's others are paid, closed or later).
        assertThat(run.path("total").asInt()).isEqualTo(12);
        Map<String, JsonNode> messages = outreachMessages(MESSAGED.size() - quietBefore.size());
        Set<String> expected = new TreeSet<>(MESSAGED.keySet());
        expected.removeAll(quietBefore);
        // A customer whose quiet hours began or ended while the run ran may go either way.
        Set<String> undecided = new TreeSet<>(symmetricDifference(quietBefore, quietAfter));
        Set<String> contacted = new TreeSet<>(messages.keySet());
        contacted.removeAll(undecided);
        expected.removeAll(undecided);
        assertThat(contacted).as("accounts messaged on hub.outreach").isEqualTo(expected);
        for (Map.Entry<String, JsonNode> sent : messages.entrySet()) {
            JsonNode body = sent.getValue();
            assertThat(body.path("template").asText()).as(sent.getKey()).isEqualTo(MESSAGED.get(sent.getKey()));
            assertThat(body.path("templateVersion").asText()).isEqualTo("v1");
            assertThat(body.path("tenant").asText()).isEqualTo("demo-bank");
            assertThat(body.path("message").asText()).contains(sent.getKey()).doesNotContain("${");
            assertThat(body.path("outreachId").asText()).isNotBlank();
        }
        assertThat(messages.get("L-2001").path("channel").asText()).isEqualTo("EMAIL");
        assertThat(messages.get("L-2001").path("subjectId").asText()).isEqualTo("C-1001");
        assertThat(messages.get("L-2008").path("channel").asText()).isEqualTo("EMAIL");
        JsonNode counts = run.path("counts");
        assertThat(counts.path("contacted").asInt()).isEqualTo(messages.size());
        assertThat(counts.path("pendingApproval").asInt()).as("K-3002's payment plan").isEqualTo(1);
        assertThat(counts.path("processed").asInt()).isEqualTo(12);

        JdbcTemplate db = new JdbcTemplate(hub.database());
        // Vulnerable customers (C-1005's two accounts) and recoveries (over 90 days) go to people, as review items.
        Map<String, String> referred = new TreeMap<>();
        db.query("SELECT r.idempotency_key, v.reason FROM hub_review v JOIN hub_request r ON r.request_id = v.request_id"
                + " WHERE r.channel = 'job'", rs -> {
                    String key = rs.getString(1);
                    referred.put(key.substring(key.lastIndexOf(':') + 1), rs.getString(2));
                });
        assertThat(referred).containsOnlyKeys("L-2005", "K-3003", "L-2003");
        assertThat(referred.get("L-2005")).startsWith("vulnerable customer");
        assertThat(referred.get("K-3003")).startsWith("vulnerable customer");
        assertThat(referred.get("L-2003")).contains("recoveries");
        // The payment-plan offer waits for an approver, its message ready.
        String approvalAction = db.queryForObject("SELECT action_json FROM hub_approval WHERE action_type = 'send-outreach'",
                String.class);
        JsonNode action = RunningHub.json(approvalAction);
        assertThat(action.path("target").asText()).isEqualTo("account:K-3002");
        assertThat(action.path("parameters").path("offer").asText()).isEqualTo("payment-plan");
        assertThat(action.path("risk").asText()).isEqualTo("high");
        // Accounts over a contact limit were left alone, not admitted, so no request of theirs exists.
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request WHERE idempotency_key LIKE 'collections:%:L-2004'"
                + " OR idempotency_key LIKE 'collections:%:L-2002'", Integer.class)).isZero();
        assertThat(db.queryForObject("SELECT COUNT(*) FROM hub_request_step WHERE step = 'collections-held'"
                + " AND (detail_json LIKE '%L-2004%frequency limit%' OR detail_json LIKE '%L-2002%conversation%')",
                Integer.class)).isEqualTo(2);
        // Each contact is in the back office's contact history, once, under its outreach id.
        JdbcTemplate backOffice = new JdbcTemplate(hub.camel().getRegistry().lookupByNameAndType("backOfficeDataSource",
                DataSource.class));
        for (Map.Entry<String, JsonNode> sent : messages.entrySet()) {
            assertThat(backOffice.queryForObject("SELECT account_id FROM contact_history WHERE outreach_id = ?",
                    String.class, sent.getValue().path("outreachId").asText())).isEqualTo(sent.getKey());
        }
    }

    @Test
    @Order(2)
    void anApprovedPaymentPlanOfferIsSentWithItsOfferAndRecorded() throws Exception {
        JdbcTemplate db = new JdbcTemplate(hub.database());
        String approvalId = db.queryForObject("SELECT approval_id FROM hub_approval WHERE action_type = 'send-outreach'",
                String.class);
        String approver = hub.token("alice", Set.of(Role.APPROVER), "demo-bank");
        HttpResponse<String> decided = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/approvals/" + approvalId
                        + "/decision"))).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + approver)
                .POST(HttpRequest.BodyPublishers.ofString("{\"decision\":\"approve\",\"reason\":\"plan agreed\"}")).build());

        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        assertThat(RunningHub.json(decided.body()).path("state").asText()).isEqualTo("executed");
        Map<String, JsonNode> messages = outreachMessages(1);
        assertThat(messages).containsOnlyKeys("K-3002");
        assertThat(messages.get("K-3002").path("template").asText()).isEqualTo("collections-61-90");
        assertThat(messages.get("K-3002").path("channel").asText()).isEqualTo("LETTER");
        assertThat(messages.get("K-3002").path("message").asText()).contains("payment plan");
        JdbcTemplate backOffice = new JdbcTemplate(hub.camel().getRegistry().lookupByNameAndType("backOfficeDataSource",
                DataSource.class));
        assertThat(backOffice.queryForObject("SELECT COUNT(*) FROM contact_history WHERE outreach_id = ?", Integer.class,
                messages.get("K-3002").path("outreachId").asText())).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aSecondRunInTheSameCycleContactsNoOne() throws Exception {
        int published = publishedOutreach();
        JsonNode rerun = runCollections(false);

        assertThat(rerun.path("status").asText()).isEqualTo("completed");
        assertThat(rerun.path("counts").path("contacted").asInt()).isZero();
        assertThat(rerun.path("counts").path("pendingApproval").asInt()).isZero();
        assertThat(rerun.path("counts").path("skipped").asInt()).isEqualTo(rerun.path("counts").path("processed").asInt());
        assertThat(publishedOutreach()).isEqualTo(published);
    }

    @Test
    @Order(4)
    void aDryRunProposesAndSendsNothing() throws Exception {
        int published = publishedOutreach();
        JsonNode dry = runCollections(true);

        assertThat(dry.path("counts").path("contacted").asInt()).isZero();
        assertThat(dry.path("counts").path("proposed").asInt()).isPositive();
        assertThat(publishedOutreach()).isEqualTo(published);
        assertThat(new JdbcTemplate(hub.database()).queryForObject("SELECT COUNT(*) FROM hub_request_step"
                + " WHERE step = 'job-proposal' AND detail_json LIKE '%collections-61-90%'", Integer.class)).isPositive();
    }

    @Test
    @Order(5)
    void afterARestartTheBackOfficeKeepsItsContactsAndTheCycleStaysDone() throws Exception {
        JdbcTemplate before = backOffice();
        int contacts = before.queryForObject("SELECT COUNT(*) FROM contact_history", Integer.class);
        int published = publishedOutreach();

        hub.stop();
        hub.start();
        JsonNode rerun = runCollections(false);

        // Not seeded again: the hub's contacts are still there for the frequency limits to count.
        assertThat(backOffice().queryForObject("SELECT COUNT(*) FROM contact_history", Integer.class)).isEqualTo(contacts);
        assertThat(backOffice().queryForObject("SELECT COUNT(*) FROM contact_history WHERE outreach_id IS NOT NULL",
                Integer.class)).isPositive();
        assertThat(rerun.path("counts").path("contacted").asInt()).isZero();
        assertThat(publishedOutreach()).isEqualTo(published);
    }

    private static JdbcTemplate backOffice() {
        return new JdbcTemplate(hub.camel().getRegistry().lookupByNameAndType("backOfficeDataSource", DataSource.class));
    }

    private static List<String> symmetricDifference(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union.stream().filter(x -> a.contains(x) != b.contains(x)).toList();
    }

    /** The seeded accounts whose customer is in quiet hours for their channel now. */
    private static Set<String> inQuietHours() {
        Set<String> quiet = new TreeSet<>();
        QUIET.forEach((account, hours) -> {
            LocalTime local = LocalTime.now(ZoneId.of((String) hours[0]));
            LocalTime from = (LocalTime) hours[1];
            LocalTime to = (LocalTime) hours[2];
            if (!local.isBefore(from) || local.isBefore(to)) {
                quiet.add(account);
            }
        });
        return quiet;
    }

    private int publishedOutreach() {
        return new JdbcTemplate(hub.database()).queryForObject(
                "SELECT COUNT(*) FROM hub_publication WHERE destination = 'hub.outreach'", Integer.class);
    }

    /** The messages on hub.outreach, by the account they are about, once at least {@code atLeast} have come. */
    private Map<String, JsonNode> outreachMessages(int atLeast) throws Exception {
        ConsumerTemplate consumer = hub.camel().createConsumerTemplate();
        Map<String, JsonNode> byAccount = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Exchange received = consumer.receive("jms:queue:hub.outreach", 500);
            if (received == null) {
                if (byAccount.size() >= atLeast) {
                    break;
                }
                continue;
            }
            JsonNode body = RunningHub.json(received.getMessage().getBody(String.class));
            assertThat(received.getMessage().getHeader("HubOutreachId", String.class))
                    .isEqualTo(body.path("outreachId").asText());
            assertThat(received.getMessage().getHeader("HubTenant", String.class)).isEqualTo("demo-bank");
            String account = body.path("message").asText().replaceAll(".*\\b([LK]-\\d{4})\\b.*", "$1");
            byAccount.put(account, body);
            seen.merge(account, 1, Integer::sum);
        }
        assertThat(seen.values()).as("messages per account").allMatch(n -> n == 1);
        return byAccount;
    }

    private JsonNode runCollections(boolean dryRun) throws Exception {
        HttpResponse<String> started = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs/collections/runs")))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + operator())
                .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\":" + dryRun + "}")).build());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String runId = RunningHub.json(started.body()).path("runId").asText();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> run = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/jobs/collections/runs/"
                    + runId))).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + operator()).GET().build());
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            JsonNode view = RunningHub.json(run.body());
            if (!view.path("status").asText().equals("running")) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("collections run " + runId + " did not end");
    }
}
