package io.agenthub.routes;

import io.agenthub.api.Outcome;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.connectors.corebanking.Account;
import io.agenthub.connectors.corebanking.CoreBankingOperations;
import io.agenthub.connectors.corebanking.Payment;
import io.agenthub.flows.transfers.TransferStatus;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Produce;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * routes/transfer-status.camel.yaml alone, on a fixed day: core banking is a fake that answers the customer's accounts
 * and their transfers; the flow reads each account's transfers of the period and tells where each stands.
 */
@CamelMainTest(propertyPlaceholderLocations = RouteFile.PROPERTIES, advices = {
        @AdviceRouteMapping(route = "transfer-status", advice = FakeCoreBanking.InPlaceOfTheConnector.class)})
class TransferStatusRouteTest {

    private static final FlowLedger LEDGER = FlowLedger.open();
    private static final CascadeAnswer PENDING = new CascadeAnswer("banking77-intent", "pending_transfer", 0.95, "tuned",
            "banking77-intent@v8", false, List.of());
    private static final Clock DEC_2 = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);

    @BindToRegistry(FakeCoreBanking.BEAN)
    private final FakeCoreBanking coreBanking = new FakeCoreBanking();
    @BindToRegistry("coreBankingOperations")
    private final CoreBankingOperations coreBankingOperations = new CoreBankingOperations(FlowLedger.JSON);
    @BindToRegistry("transferStatus")
    private final TransferStatus transferStatus = new TransferStatus(DEC_2, 30, LEDGER.ledger().steps());

    @Produce("direct:transfer-status")
    private ProducerTemplate flow;

    @Configure
    void loadTheRouteAlone(MainConfigurationProperties main) {
        RouteFile.alone(main, "transfer-status.camel.yaml");
    }

    @AfterAll
    static void closeTheLedger() {
        LEDGER.close();
    }

    private static Payment transfer(String id, String account, String status, String settlement, String created,
                                    String payee, String reason) {
        return new Payment(id, status, "REJECTED".equals(status) ? reason : null, account, payee, new BigDecimal("120.5"),
                "EUR", null, Instant.parse(created), null, settlement, "PENDING".equals(settlement) || "SETTLED".equals(settlement)
                ? LocalDate.parse(created.substring(0, 10)).plusDays(1) : null,
                "SETTLED".equals(settlement) ? Instant.parse(created).plusSeconds(86_400) : null,
                "RETURNED".equals(settlement) ? reason : null);
    }

    @Test
    void eachTransferOfEveryAccountIsToldAsTheBankKnowsItNewestFirst() {
        coreBanking.accounts.addAll(List.of(new Account("ACC-1", "C-1", "DE89370400440532013000", "EUR", "CURRENT", "ACTIVE"),
                new Account("ACC-2", "C-1", "DE89370400440532013001", "EUR", "SAVINGS", "ACTIVE")));
        coreBanking.payments.addAll(List.of(
                transfer("P-1", "ACC-1", "ACCEPTED", "PENDING", "2026-11-30T09:00:00Z", "Harbour Builders", null),
                transfer("P-2", "ACC-2", "REJECTED", null, "2026-11-20T09:00:00Z", "Brenner", "INSUFFICIENT_FUNDS"),
                transfer("P-3", "ACC-1", "ACCEPTED", "RETURNED", "2026-11-10T09:00:00Z", "Albrecht", "CREDITOR_ACCOUNT_UNKNOWN"),
                transfer("P-4", "ACC-1", "ACCEPTED", "SETTLED", "2026-11-05T09:00:00Z", "Stadtwerke", null)));

        FlowLedger.Run run = LEDGER.run(flow, "Why is my transfer still pending?", PENDING, "transfer-status");

        assertThat(coreBanking.calls("list-payments")).containsExactly(
                "list-payments /accounts/ACC-1/payments?from=2026-11-02&to=2026-12-02&limit=100",
                "list-payments /accounts/ACC-2/payments?from=2026-11-02&to=2026-12-02&limit=100");
        assertThat(run.result().outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(run.result().message()).isEqualTo("Your transfers between 2026-11-02 and 2026-12-02: "
                + "120.50 EUR to Harbour Builders on 2026-11-30 is on its way and should arrive by 2026-12-01; "
                + "120.50 EUR to Brenner on 2026-11-20 was not sent: there was not enough money in the account; no money left"
                + " your account; "
                + "120.50 EUR to Albrecht on 2026-11-10 was sent back by the payee's bank: the payee's account is closed or"
                + " does not exist; the money is back in your account; "
                + "120.50 EUR to Stadtwerke on 2026-11-05 was completed on 2026-11-06 and reached the payee's bank by"
                + " 2026-11-06.");
        assertThat(run.result().actions()).isEmpty();
        assertThat(LEDGER.step(run.requestId(), "transfers-found").path("told").toString())
                .isEqualTo("[\"P-1:pending\",\"P-2:rejected\",\"P-3:returned\",\"P-4:settled\"]");
    }

    @Test
    void aCustomerWithNoTransfersIsToldSo() {
        coreBanking.accounts.add(new Account("ACC-1", "C-1", "DE89370400440532013000", "EUR", "CURRENT", "ACTIVE"));

        FlowLedger.Run run = LEDGER.run(flow, "my transfer failed", PENDING, "transfer-status");

        assertThat(run.result().message())
                .isEqualTo("We found no transfers sent from your accounts between 2026-11-02 and 2026-12-02.");
    }
}
