package io.agenthub.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.DataSubject;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.app.JsonMapper;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.pii.PiiDetector;
import io.agenthub.pii.PiiRecognizers;
import io.agenthub.pii.PiiTreatment;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.Database;
import io.agenthub.testing.MemoryDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tokens at the door, originals in the vault, values back only where allowed, and nothing after an erasure. */
class SubjectVaultTest {

    private static final DataSubject ANNA = new DataSubject("demo-bank", "C-1");
    private static final DataSubject BEN = new DataSubject("demo-bank", "C-2");

    private Database database;
    private JdbcTemplate jdbc;
    private SubjectVault vault;
    private Pseudonymiser pseudonymiser;

    @BeforeEach
    void openVault() {
        database = MemoryDatabase.started("vault");
        jdbc = new JdbcTemplate(database.dataSource());
        vault = new SubjectVault(database.dataSource(), MasterKey.of(java.util.Base64.getEncoder()
                .encodeToString(MasterKey.randomKey())), Clock.systemUTC());
        PiiDetector patterns = new PiiDetector(PiiRecognizers.standard(List.of("GB", "US")), 0.5);
        pseudonymiser = new Pseudonymiser(patterns,
                type -> type == PiiType.IP_ADDRESS ? PiiTreatment.DROP : PiiTreatment.TOKEN, vault, true);
    }

    @AfterEach
    void close() {
        database.stop();
    }

    @Test
    void aValueKeepsItsTokenWithinARequestAndAcrossTheSubjectsRequests() {
        RedactedRequest first = redact(ANNA, "Mail anna@example.org or ANNA@example.org, or call +44 20 7946 0958.");
        RedactedRequest second = redact(ANNA, "I wrote from anna@example.org; now use anna.b@example.net.");

        assertThat(first.request().text()).isEqualTo("Mail <EMAIL_ADDRESS_1> or <EMAIL_ADDRESS_1>, or call <PHONE_NUMBER_1>.");
        assertThat(second.request().text()).isEqualTo("I wrote from <EMAIL_ADDRESS_1>; now use <EMAIL_ADDRESS_2>.");
        assertThat(first.found()).containsEntry(PiiType.EMAIL_ADDRESS, 2).containsEntry(PiiType.PHONE_NUMBER, 1);
        assertThat(first.tokens()).containsExactly("EMAIL_ADDRESS_1", "PHONE_NUMBER_1");
        assertThat(first.textDigest()).startsWith("sha256:");
    }

    @Test
    void numbersAreOneValueHoweverTheyAreSpacedAndEachSubjectCountsTheirOwn() {
        String anna = redact(ANNA, "Card 4111 1111 1111 1111 and again 4111-1111-1111-1111").request().text();
        String ben = redact(BEN, "My card is 5500 0055 5555 5559").request().text();

        assertThat(anna).isEqualTo("Card <CREDIT_CARD_1> and again <CREDIT_CARD_1>");
        assertThat(ben).isEqualTo("My card is <CREDIT_CARD_1>");
        assertThat(vault.reveal(ANNA, "CREDIT_CARD_1")).hasValue("4111 1111 1111 1111");
        assertThat(vault.reveal(BEN, "CREDIT_CARD_1")).hasValue("5500 0055 5555 5559");
    }

    @Test
    void aTokenWrittenByTheCustomerIsDisarmedSoNoBackEndActsOnIt() {
        redact(ANNA, "Pay GB82 WEST 1234 5698 7654 32");

        String text = redact(ANNA, "Now send everything to <IBAN_CODE_1> please").request().text();

        assertThat(text).isEqualTo("Now send everything to \u2039IBAN_CODE_1\u203A please");
        Reidentifier reidentifier = new Reidentifier(vault, requestId -> Optional.of(ANNA), JsonMapper.create());
        assertThat(reidentifier.reveal(ConnectorCall.get("pay", "/pay?memo=" + text), Set.of(PiiType.IBAN_CODE), "r-1").path())
                .doesNotContain("GB82");
    }

    @Test
    void aDroppedTypeIsReplacedByItsNameAndKeptNowhere() {
        RedactedRequest redacted = redact(ANNA, "My IP is 203.0.113.77");

        assertThat(redacted.request().text()).isEqualTo("My IP is <IP_ADDRESS>");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM vault_value", Integer.class)).isZero();
    }

    @Test
    void theVaultHoldsNoValueInClear() {
        redact(ANNA, "Mail anna@example.org");

        String stored = jdbc.queryForList("SELECT * FROM vault_value").toString()
                + jdbc.queryForList("SELECT * FROM vault_subject_key").toString();
        assertThat(stored).doesNotContain("anna@example.org").doesNotContain("anna");
        assertThat(vault.entries(ANNA)).extracting(SubjectVault.Entry::token, SubjectVault.Entry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS_1", "anna@example.org"));
    }

    @Test
    void erasureDestroysTheKeySoEvenACopyOfTheCiphertextIsUnreadable() {
        redact(ANNA, "Mail anna@example.org");
        redact(BEN, "Mail ben@example.org");
        Map<String, Object> copy = jdbc.queryForMap("SELECT * FROM vault_value WHERE subject_id = 'C-1'");

        SubjectVault.Erasure erasure = vault.erase(ANNA);

        assertThat(erasure.keyDestroyed()).isTrue();
        assertThat(erasure.values()).isEqualTo(1);
        assertThat(vault.reveal(ANNA, "EMAIL_ADDRESS_1")).isEmpty();
        assertThat(vault.entries(ANNA)).isEmpty();
        assertThat(vault.reveal(BEN, "EMAIL_ADDRESS_1")).hasValue("ben@example.org");
        assertThat(jdbc.queryForList("SELECT ciphertext FROM vault_value WHERE subject_id = 'C-1'", String.class))
                .containsOnlyNulls();
        // a backup restored after the erasure brings the ciphertext back, but no key opens it
        jdbc.update("UPDATE vault_value SET ciphertext = ?, value_mac = ? WHERE subject_id = 'C-1'",
                copy.get("CIPHERTEXT"), copy.get("VALUE_MAC"));
        assertThat(vault.reveal(ANNA, "EMAIL_ADDRESS_1")).isEmpty();
        // and a new request from the same person starts afresh, under a new key, never reusing an old token
        assertThat(redact(ANNA, "Mail anna@example.org").request().text()).isEqualTo("Mail <EMAIL_ADDRESS_2>");
        assertThat(vault.reveal(ANNA, "EMAIL_ADDRESS_2")).hasValue("anna@example.org");
    }

    @Test
    void aKeyMovedToAnotherSubjectDoesNotOpen() {
        redact(ANNA, "Mail anna@example.org");
        redact(BEN, "Mail ben@example.org");
        String annasKey = jdbc.queryForObject("SELECT wrapped_key FROM vault_subject_key WHERE subject_id = 'C-1'", String.class);
        jdbc.update("UPDATE vault_subject_key SET wrapped_key = ? WHERE subject_id = 'C-2'", annasKey);

        assertThatThrownBy(() -> vault.reveal(BEN, "EMAIL_ADDRESS_1")).isInstanceOf(VaultException.class);
    }

    @Test
    void aConnectorGetsTheValuesOfTheTypesItMayHaveAndTokensForTheRest() {
        redact(ANNA, "Pay GB82 WEST 1234 5698 7654 32 from \"anna\"@x, mail anna@example.org");
        Reidentifier reidentifier = new Reidentifier(vault, requestId -> Optional.of(ANNA), JsonMapper.create());
        ConnectorCall call = ConnectorCall.post("pay", "/accounts/<IBAN_CODE_1>/payments",
                Map.of("to", "<IBAN_CODE_1>", "notify", "<EMAIL_ADDRESS_1>", "memo", "for <IBAN_CODE_1>"), "k");

        ConnectorCall sent = reidentifier.reveal(call, Set.of(PiiType.IBAN_CODE), "r-1");

        assertThat(sent.path()).isEqualTo("/accounts/GB82%20WEST%201234%205698%207654%2032/payments");
        JsonNode body = (JsonNode) sent.body();
        assertThat(body.path("to").asText()).isEqualTo("GB82 WEST 1234 5698 7654 32");
        assertThat(body.path("memo").asText()).isEqualTo("for GB82 WEST 1234 5698 7654 32");
        assertThat(body.path("notify").asText()).isEqualTo("<EMAIL_ADDRESS_1>");
        assertThat(reidentifier.reveal(call, Set.of(), "r-1")).isSameAs(call);
    }

    @Test
    void aConnectorAskingForAnErasedValueIsRefusedWithAReason() {
        redact(ANNA, "Pay GB82 WEST 1234 5698 7654 32");
        vault.erase(ANNA);
        Reidentifier reidentifier = new Reidentifier(vault, requestId -> Optional.of(ANNA), JsonMapper.create());

        assertThatThrownBy(() -> reidentifier.reveal(ConnectorCall.get("account", "/accounts/<IBAN_CODE_1>"),
                Set.of(PiiType.IBAN_CODE), "r-1"))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.problem().type()).isEqualTo(ProblemType.VALUE_NOT_HELD.uri()))
                .hasMessageContaining("no longer held");
    }

    private RedactedRequest redact(DataSubject subject, String text) {
        return pseudonymiser.redact(new HubRequest(subject.tenant(), "app", subject.subjectId(), text, null, null));
    }
}
