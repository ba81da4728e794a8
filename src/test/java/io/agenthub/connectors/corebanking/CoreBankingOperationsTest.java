package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.api.BackendException;
import io.agenthub.app.JsonMapper;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The core-banking operations the flows use: calls as the contract has them, answers read into records. */
class CoreBankingOperationsTest {

    private final ObjectMapper json = JsonMapper.create();
    private final CoreBankingOperations operations = new CoreBankingOperations(json);

    @Test
    void everyCallIsAnOperationOfTheContract() throws Exception {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Path.of("connectors/core-banking.openapi.yaml").toFile())
                .path("paths");
        ConnectorResponse accounts = new ConnectorResponse(200, json.readTree("[{\"accountId\":\"ACC-1\"}]"));
        List<ConnectorCall> calls = List.of(operations.listCards("C-1001"), operations.listAccounts("C-1001"),
                operations.listTransactions(accounts, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30")).get(0),
                operations.blockCard("CRD-1001-1", BlockReason.LOST, "req-1:block-card:CRD-1001-1"),
                operations.raiseChargeback("TX-100101-0006", "not recognised", new BigDecimal("42.80"), "EUR", "k-1"),
                operations.changeContactDetails("C-1004", Map.of("email", "jonas@example.com"), "k-2"),
                operations.closeAccount("ACC-1002-02", "k-3"));

        for (ConnectorCall call : calls) {
            String path = call.path().split("\\?")[0];
            String template = contractPath(paths, path);
            assertThat(template).as(call.operation() + " " + path + " in the contract").isNotNull();
            assertThat(paths.path(template).has(call.method().toLowerCase(Locale.ROOT)))
                    .as(call.method() + " " + template).isTrue();
        }
    }

    /** The contract's path template that {@code path} is an instance of, or null. */
    private static String contractPath(JsonNode paths, String path) {
        for (var names = paths.fieldNames(); names.hasNext(); ) {
            String template = names.next();
            if (path.matches(template.replaceAll("\\{[^}]+}", "[^/]+"))) {
                return template;
            }
        }
        return null;
    }

    @Test
    void aCallersIdentifierStaysOnePathSegment() {
        String hostile = "../accounts/ACC-1?x=1 2";

        assertThat(operations.listCards(hostile).path()).isEqualTo("/customers/..%2Faccounts%2FACC-1%3Fx%3D1%202/cards");
        assertThat(operations.raiseChargeback(hostile, "r", BigDecimal.ONE, "EUR", "k").path())
                .isEqualTo("/transactions/..%2Faccounts%2FACC-1%3Fx%3D1%202/chargeback");
        assertThat(operations.changeContactDetails(hostile, Map.of("phone", "+441134960000"), "k").path())
                .isEqualTo("/customers/..%2Faccounts%2FACC-1%3Fx%3D1%202/contact-details");
        assertThat(operations.closeAccount(hostile, "k").path()).isEqualTo("/accounts/..%2Faccounts%2FACC-1%3Fx%3D1%202/close");
    }

    @Test
    void aChargebackIsAKeyedWriteOfTheContractsBody() throws Exception {
        ConnectorCall call = operations.raiseChargeback("TX-100101-0006", "Card payment not recognised",
                new BigDecimal("42.80"), "EUR", "approval:A-1:3f1c");

        assertThat(call.operation()).isEqualTo("raise-chargeback");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.idempotencyKey()).isEqualTo("approval:A-1:3f1c");
        assertThat(call.retryable()).isTrue();
        assertThat(json.writeValueAsString(call.body()))
                .isEqualTo("{\"reason\":\"Card payment not recognised\",\"amount\":42.80,\"currency\":\"EUR\"}");
    }

    @Test
    void aChangeOfContactDetailsIsAKeyedPutOfThePartsGiven() {
        Map<String, Object> address = Map.of("line1", "12 High Street", "city", "Leeds", "postcode", "LS1 4AB", "country", "GB");
        ConnectorCall call = operations.changeContactDetails("C-1004", Map.of("address", address), "approval:A-2:77aa");

        assertThat(call.operation()).isEqualTo("change-contact-details");
        assertThat(call.method()).isEqualTo("PUT");
        assertThat(call.idempotencyKey()).isEqualTo("approval:A-2:77aa");
        assertThat(call.retryable()).isTrue();
        assertThat(json.valueToTree(call.body()).path("address").path("postcode").asText()).isEqualTo("LS1 4AB");
    }

    @Test
    void onlyAddressEmailAndPhoneCanBeChangedAndAWriteNeedsItsKey() {
        assertThatThrownBy(() -> operations.changeContactDetails("C-1004", Map.of("name", "Mallory"), "k"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[name]");
        assertThatThrownBy(() -> operations.changeContactDetails("C-1004", Map.of(), "k"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> operations.changeContactDetails("C-1004", Map.of("email", "a@b.example"), " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idempotencyKey is required");
        assertThatThrownBy(() -> operations.closeAccount("ACC-1", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idempotencyKey is required");
        assertThatThrownBy(() -> operations.raiseChargeback("TX-1", "r", BigDecimal.TEN, "EUR", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("idempotencyKey is required");
    }

    @Test
    void aClosureIsAKeyedPostWithoutABody() {
        ConnectorCall call = operations.closeAccount("ACC-1002-02", "k-9");

        assertThat(call.operation()).isEqualTo("close-account");
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.body()).isNull();
        assertThat(call.idempotencyKey()).isEqualTo("k-9");
    }

    @Test
    void theAnswersOfTheNewWritesAreReadIntoRecords() throws Exception {
        Chargeback chargeback = operations.chargeback(new ConnectorResponse(201, json.readTree("""
                {"chargebackId":"CBK-100001","transactionId":"TX-100101-0006","amount":42.80,"currency":"EUR",
                 "status":"RAISED","raisedAt":"2026-11-22T10:00:00Z"}""")));
        ContactDetails details = operations.contactDetails(new ConnectorResponse(200, json.readTree("""
                {"customerId":"C-1004","address":{"line1":"12 High Street","city":"Leeds","postcode":"LS1 4AB","country":"GB"},
                 "email":"jonas.keller@keller-tischlerei.example","phone":"+4971335550142","updatedAt":"2026-11-22T10:00:00Z"}""")));
        Account closed = operations.closed(new ConnectorResponse(200, json.readTree("""
                {"accountId":"ACC-1002-02","customerId":"C-1002","status":"CLOSED"}""")));

        assertThat(chargeback).isEqualTo(new Chargeback("CBK-100001", "TX-100101-0006", new BigDecimal("42.80"), "EUR",
                "RAISED", Instant.parse("2026-11-22T10:00:00Z")));
        assertThat(details.address()).isEqualTo(new ContactDetails.Address("12 High Street", null, "Leeds", "LS1 4AB", "GB"));
        assertThat(details.phone()).isEqualTo("+4971335550142");
        assertThat(details.updatedAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(closed.status()).isEqualTo("CLOSED");
    }

    @Test
    void aRefusedWriteIsABackEndFailureNamingTheProblemKindButNotItsDetail() throws Exception {
        ConnectorResponse disputed = new ConnectorResponse(409, json.readTree("""
                {"type":"https://sandbox.agenthub.invalid/problems/already-disputed","status":409,
                 "detail":"Transaction TX-100101-0006 is already disputed by chargeback CBK-100001."}"""));

        assertThatThrownBy(() -> operations.chargeback(disputed)).isInstanceOf(BackendException.class)
                .hasMessage("core-banking raise-chargeback answered 409 (already-disputed)");
        assertThatThrownBy(() -> operations.contactDetails(new ConnectorResponse(400, json.readTree("{\"type\":\"x y\"}"))))
                .isInstanceOf(BackendException.class).hasMessage("core-banking change-contact-details answered 400");
        assertThatThrownBy(() -> operations.closed(new ConnectorResponse(404, null)))
                .isInstanceOf(BackendException.class).hasMessage("core-banking close-account answered 404");
    }

    @Test
    void aBlockIsAWriteUnderAKeyOfTheRequestAndTheCard() {
        ConnectorCall block = operations.blockCard("CRD-1001-1", BlockReason.STOLEN, "req-1:block-card:CRD-1001-1");

        assertThat(block.method()).isEqualTo("POST");
        assertThat(block.idempotencyKey()).isEqualTo("req-1:block-card:CRD-1001-1");
        assertThat(block.retryable()).isTrue();
        assertThat(operations.listCards("C-1").retryable()).isTrue();
    }

    @Test
    void anUnknownCustomerHasNoCardsAndAnyOtherRefusalIsABackEndFailure() throws Exception {
        assertThat(operations.cards(new ConnectorResponse(404, null))).isEmpty();
        assertThat(operations.listTransactions(new ConnectorResponse(404, null), LocalDate.MIN, LocalDate.MAX)).isEmpty();
        assertThatThrownBy(() -> operations.cards(new ConnectorResponse(409, null)))
                .isInstanceOf(BackendException.class).hasMessage("core-banking list-cards answered 409");
    }

    @Test
    void transactionsOfEveryAccountComeNewestFirst() throws Exception {
        List<ConnectorResponse> answers = List.of(
                new ConnectorResponse(200, json.readTree("[{\"transactionId\":\"T-1\",\"bookedAt\":\"2026-11-02T10:00:00Z\"}]")),
                new ConnectorResponse(200, json.readTree("[{\"transactionId\":\"T-2\",\"bookedAt\":\"2026-11-05T10:00:00Z\"}]")));

        assertThat(operations.transactions(answers)).extracting(Transaction::transactionId).containsExactly("T-2", "T-1");
        assertThat(operations.transactions(List.of())).isEmpty();
    }
}
