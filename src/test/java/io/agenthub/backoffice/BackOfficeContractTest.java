package io.agenthub.backoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.collections.CollectionsRules;
import io.agenthub.collections.ContactStrategy;
import io.agenthub.collections.DueAccount;
import io.agenthub.collections.PastContact;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The back office's contract: connectors/back-office.schema.sql made and seeded from connectors/sandbox/ on H2 (the
 * sandbox's default) and on a real PostgreSQL, and the statements of connectors/back-office.camel.yaml run against
 * it as the routes run them. The seed gives the collections job something in every bucket, and its customers, cards
 * and policies are the core-banking and insurance sandboxes' own.
 */
class BackOfficeContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static EmbeddedPostgres postgres;
    private static final Map<String, BackOfficeDatabase> DATABASES = new HashMap<>();
    private static final Clock CLOCK = Clock.systemUTC();

    @BeforeAll
    static void startDatabases() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        DATABASES.put("h2", seeded("jdbc:h2:mem:backoffice-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        DATABASES.put("postgresql", seeded(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
    }

    @AfterAll
    static void stopDatabases() throws IOException {
        DATABASES.values().forEach(BackOfficeDatabase::stop);
        postgres.close();
    }

    private static BackOfficeDatabase seeded(String url, String user, String password) throws Exception {
        BackOfficeSchema schema = BackOfficeSchema.of(Files.readString(Path.of("connectors/back-office.schema.sql")));
        BackOfficeSeed seed;
        try (InputStream in = Files.newInputStream(Path.of("connectors/sandbox/back-office-seed.json"))) {
            seed = BackOfficeSeed.read(in, JSON);
        }
        BackOfficeDatabase database = new BackOfficeDatabase(new BackOfficeSettings(url, user, password, 2, 2000, true),
                schema, dataSource -> seed.apply(dataSource, CLOCK));
        database.start();
        return database;
    }

    /** The statement of route back-office-{name}, with Camel's :#param written as Spring's :param. */
    private static String statement(String name) throws IOException {
        JsonNode routes = new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/back-office.camel.yaml").toFile());
        for (JsonNode item : routes) {
            JsonNode route = item.path("route");
            if (route.path("id").asText().equals("back-office-" + name)) {
                String uri = route.path("from").path("steps").get(0).path("to").path("uri").asText();
                assertThat(uri).startsWith("sql:");
                return uri.substring("sql:".length()).replace(":#", ":");
            }
        }
        throw new AssertionError("no statement " + name + " in connectors/back-office.camel.yaml");
    }

    private static List<Map<String, Object>> query(String database, String name, Map<String, Object> parameters)
            throws IOException {
        return new NamedParameterJdbcTemplate(DATABASES.get(database).dataSource()).queryForList(statement(name), parameters);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void dueAccountsFindEveryAccountWithMoneyDueAndNoneElse(String database) throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DueAccount> due = query(database, "due-accounts", Map.of("tenant", "demo-bank", "preDueUntil", today.plusDays(6)))
                .stream().map(DueAccount::fromRow).toList();

        assertThat(due).extracting(DueAccount::accountId).containsExactly("K-3001", "K-3002", "K-3003", "K-3004", "K-3005",
                "L-2001", "L-2002", "L-2003", "L-2004", "L-2005", "L-2008", "L-2009");
        DueAccount card = due.get(0);
        assertThat(card.kind()).isEqualTo("CARD");
        assertThat(card.product()).isEqualTo("CREDIT_CARD");
        assertThat(card.currency()).isEqualTo("GBP");
        assertThat(card.daysPastDue()).isEqualTo(12);
        assertThat(card.dueDate()).isEqualTo(today.minusDays(12));
        assertThat(card.quietFrom()).hasToString("20:00");
        assertThat(query(database, "due-accounts", Map.of("tenant", "demo-insurer", "preDueUntil", today))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theSeedPutsAccountsInEveryBucketAndExercisesEveryRule(String database) throws IOException {
        ContactStrategy strategy;
        try (InputStream in = Files.newInputStream(Path.of("compliance/collections.yaml"))) {
            strategy = new ContactStrategy(CollectionsRules.read(in));
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<DueAccount> due = query(database, "due-accounts", Map.of("tenant", "demo-bank", "preDueUntil", today.plusDays(6)))
                .stream().map(DueAccount::fromRow).toList();

        Set<String> buckets = due.stream().map(a -> strategy.bucket(a, today).orElseThrow()).collect(Collectors.toSet());
        assertThat(buckets).containsExactlyInAnyOrder("pre-due", "1-30", "31-60", "61-90", "over-90");
        assertThat(due).filteredOn(DueAccount::vulnerable).extracting(DueAccount::customerId).containsOnly("C-1005")
                .isNotEmpty();
        Instant now = Instant.now();
        Map<String, Object> since = Map.of("accountId", "L-2004", "since", now.minusSeconds(7 * 86400).atOffset(ZoneOffset.UTC));
        assertThat(PastContact.fromRows(query(database, "contacts", since))).as("L-2004's contacts this week").hasSize(3);
        List<PastContact> conversation = PastContact.fromRows(query(database, "contacts", Map.of("accountId", "L-2002",
                "since", now.minusSeconds(30 * 86400L).atOffset(ZoneOffset.UTC))));
        assertThat(conversation).extracting(PastContact::outcome).containsExactly("SENT", "CONVERSATION");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void oneAccountIsReadByIdAndAClosedOneIsNot(String database) throws IOException {
        assertThat(query(database, "account", Map.of("tenant", "demo-bank", "accountId", "L-2002")))
                .singleElement().satisfies(row -> assertThat(DueAccount.fromRow(row).daysPastDue()).isEqualTo(45));
        assertThat(query(database, "account", Map.of("tenant", "demo-bank", "accountId", "K-3006"))).isEmpty();
        assertThat(query(database, "account", Map.of("tenant", "demo-insurer", "accountId", "L-2002"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aContactIsRecordedOnceHoweverOftenItIsWritten(String database) throws IOException {
        String outreachId = UUID.randomUUID().toString();
        Map<String, Object> row = Map.of("outreachId", outreachId, "accountId", "L-2009",
                "contactedAt", Instant.now().atOffset(ZoneOffset.UTC), "channel", "LETTER",
                "template", "collections-1-30@v1", "outcome", "SENT");
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(DATABASES.get(database).dataSource());

        assertThat(jdbc.update(statement("record-contact"), row)).isEqualTo(1);
        assertThat(jdbc.update(statement("record-contact"), row)).isZero();
        assertThat(new JdbcTemplate(DATABASES.get(database).dataSource()).queryForObject(
                "SELECT COUNT(*) FROM contact_history WHERE outreach_id = ?", Integer.class, outreachId)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void policiesAreTheInsuranceSandboxesOwn(String database) throws IOException {
        JsonNode insurance = JSON.readTree(Path.of("connectors/sandbox/insurance-seed.json").toFile());
        List<Map<String, Object>> rows = new JdbcTemplate(DATABASES.get(database).dataSource())
                .queryForList("SELECT * FROM insurance_policy ORDER BY policy_number");

        assertThat(rows).hasSize(insurance.path("policies").size());
        Map<String, Map<String, Object>> byNumber = new HashMap<>();
        rows.forEach(r -> byNumber.put(String.valueOf(r.get("policy_number")), r));
        for (JsonNode policy : insurance.path("policies")) {
            Map<String, Object> row = byNumber.get(policy.path("policyNumber").asText());
            assertThat(row).as(policy.path("policyNumber").asText()).isNotNull();
            assertThat(row.get("customer_id")).isEqualTo(policy.path("customerId").asText());
            assertThat(row.get("product")).isEqualTo(policy.path("product").asText());
            assertThat(row.get("status")).isEqualTo(policy.path("status").asText());
            assertThat(String.valueOf(row.get("cover_start"))).isEqualTo(policy.path("startDate").asText());
            assertThat(String.valueOf(row.get("cover_end"))).isEqualTo(policy.path("endDate").asText());
            assertThat(((java.math.BigDecimal) row.get("cover_limit")).compareTo(policy.path("sumInsured").decimalValue())).isZero();
            assertThat(((java.math.BigDecimal) row.get("deductible")).compareTo(policy.path("deductible").decimalValue())).isZero();
            assertThat(String.valueOf(row.get("currency")).strip()).isEqualTo(policy.path("currency").asText());
            Set<String> covered = new TreeSet<>();
            insurance.path("lossTypesByProduct").path(policy.path("product").asText()).forEach(t -> covered.add(t.asText()));
            assertThat(new TreeSet<>(List.of(String.valueOf(row.get("covered_loss_types")).split(",")))).isEqualTo(covered);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void customersAndCardsAreCoreBankingsOwn(String database) throws IOException {
        JsonNode bank = JSON.readTree(Path.of("connectors/sandbox/core-banking-seed.json").toFile());
        Set<String> customers = new HashSet<>();
        bank.path("customers").forEach(c -> customers.add(c.path("customerId").asText()));
        Map<String, String> cardOwners = new HashMap<>();
        bank.path("cards").forEach(c -> cardOwners.put(c.path("cardId").asText(), c.path("customerId").asText()));
        JdbcTemplate jdbc = new JdbcTemplate(DATABASES.get(database).dataSource());

        assertThat(jdbc.queryForList("SELECT customer_id FROM customer", String.class)).isNotEmpty().allMatch(customers::contains);
        jdbc.query("SELECT card_id, customer_id FROM card_account WHERE card_id IS NOT NULL", rs -> {
            assertThat(cardOwners.get(rs.getString(1))).as(rs.getString(1)).isEqualTo(rs.getString(2));
        });
    }
}
