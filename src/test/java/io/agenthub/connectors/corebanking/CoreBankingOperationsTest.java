package io.agenthub.connectors.corebanking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.agenthub.api.BackendException;
import io.agenthub.app.JsonMapper;
import io.agenthub.connectors.ConnectorCall;
import io.agenthub.connectors.ConnectorResponse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

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
                operations.blockCard("CRD-1001-1", BlockReason.LOST, "req-1:block-card:CRD-1001-1"));

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
        ConnectorCall call = operations.listCards("../accounts/ACC-1?x=1 2");

        assertThat(call.path()).isEqualTo("/customers/..%2Faccounts%2FACC-1%3Fx%3D1%202/cards");
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
