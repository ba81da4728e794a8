package io.agenthub.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.BackendException;
import io.agenthub.app.JsonMapper;
import io.agenthub.connectors.corebanking.Account;
import io.agenthub.connectors.corebanking.Chargeback;
import io.agenthub.connectors.corebanking.ContactDetails;
import io.agenthub.connectors.corebanking.CoreBankingOperations;
import io.agenthub.frontdoor.HttpHeaderPolicy;
import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.sandbox.SandboxSeed;
import io.agenthub.store.Database;
import io.agenthub.store.Ledger;
import io.agenthub.testing.MemoryDatabase;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core-banking connector's route templates (connectors/core-banking.camel.yaml) on their own: made from the
 * settings of connectors/core-banking.properties, against the sandbox, without the rest of the hub. A changed
 * setting is a changed route.
 */
class ConnectorTemplateTest {

    private final ObjectMapper json = JsonMapper.create();
    private SandboxBackends sandbox;
    private Database database;
    private CamelContext camel;
    private CircuitBreakerRegistry breakers;

    @BeforeEach
    void startTheSandbox() throws Exception {
        try (InputStream bank = Files.newInputStream(Path.of("connectors/sandbox/core-banking-seed.json"));
             InputStream insurance = Files.newInputStream(Path.of("connectors/sandbox/insurance-seed.json"))) {
            sandbox = SandboxBackends.start("127.0.0.1", 0, SandboxSeed.fromStreams(bank, insurance));
        }
        database = MemoryDatabase.started("connector");
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        database.stop();
        sandbox.close();
    }

    /** The connector's routes, made from connectors/core-banking.properties with {@code overrides} on top. */
    private void startTheConnector(Map<String, String> overrides) throws Exception {
        camel = new DefaultCamelContext();
        Properties settings = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("connectors/core-banking.properties"))) {
            settings.load(in);
        }
        settings.putAll(overrides);
        settings.put("hub.sandbox.url", sandbox.baseUrl());
        camel.getPropertiesComponent().setInitialProperties(settings);
        breakers = CircuitBreakerRegistry.ofDefaults();
        camel.getRegistry().bind("circuitBreakerRegistry", breakers);
        Ledger ledger = Ledger.open(database.dataSource(), json, Clock.systemUTC());
        camel.getRegistry().bind("connectorCalls", new ConnectorCalls(ledger.steps(), ledger.decisions()));
        camel.getRegistry().bind("reidentifier", new Reidentifier(null, requestId -> Optional.empty(), json));
        camel.getRegistry().bind("connectorRequestWriter", new ConnectorRequestWriter(json));
        camel.getRegistry().bind("connectorResponseReader", new ConnectorResponseReader(json));
        camel.getRegistry().bind("connectorRetries", new ConnectorRetries());
        camel.getRegistry().bind("connectorHttpHeaders", HttpHeaderPolicy.connectors());
        // as application.properties sets it for the hub
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.addRoutes(new RouteConfigurationBuilder() {
            @Override
            public void configuration() {
                routeConfiguration("propagate-errors").errorHandler(noErrorHandler());
            }
        });
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                ResourceHelper.resolveMandatoryResource(camel, "file:connectors/core-banking.camel.yaml"));
        camel.start();
    }

    private Exchange send(ConnectorCall call) {
        return camel.createProducerTemplate().send("direct:core-banking", exchange -> exchange.getMessage().setBody(call));
    }

    @Test
    void aCallIsAnsweredWithTheBackEndsStatusAndJson() throws Exception {
        startTheConnector(Map.of());

        Exchange done = send(ConnectorCall.get("list-cards", "/customers/C-1001/cards"));

        assertThat(done.getException()).isNull();
        ConnectorResponse answer = done.getMessage().getBody(ConnectorResponse.class);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().findValuesAsText("cardId")).contains("CRD-1001-1");
        assertThat(send(ConnectorCall.get("list-cards", "/customers/C-9999/cards")).getMessage()
                .getBody(ConnectorResponse.class).status()).as("a 404 is the flow's to interpret").isEqualTo(404);
    }

    @Test
    void theWritesOfTheActionsTravelWithTheirMethodBodyAndKeyAndAreAnsweredOnce() throws Exception {
        startTheConnector(Map.of());
        CoreBankingOperations operations = new CoreBankingOperations(json);
        Map<String, Object> leeds = Map.of("address",
                Map.of("line1", "12 High Street", "city", "Leeds", "postcode", "LS1 4AB", "country", "GB"));

        Chargeback chargeback = operations.chargeback(send(operations.raiseChargeback("TX-100101-0006",
                "Card payment not recognised", new BigDecimal("42.80"), "EUR", "approval:A-1:3f1c"))
                .getMessage().getBody(ConnectorResponse.class));
        Chargeback again = operations.chargeback(send(operations.raiseChargeback("TX-100101-0006",
                "Card payment not recognised", new BigDecimal("42.80"), "EUR", "approval:A-1:3f1c"))
                .getMessage().getBody(ConnectorResponse.class));
        ContactDetails moved = operations.contactDetails(send(operations.changeContactDetails("C-1004", leeds,
                "approval:A-2:77aa")).getMessage().getBody(ConnectorResponse.class));
        Account closed = operations.closed(send(operations.closeAccount("ACC-1002-02", "approval:A-3:01ff"))
                .getMessage().getBody(ConnectorResponse.class));

        assertThat(chargeback.status()).isEqualTo("RAISED");
        assertThat(again).isEqualTo(chargeback);
        assertThat(moved.address().city()).isEqualTo("Leeds");
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(sandbox.actions().after(0)).extracting(a -> a.operation() + " " + a.targetId() + " " + a.idempotencyKey())
                .containsExactly("raise-chargeback TX-100101-0006 approval:A-1:3f1c",
                        "change-contact-details C-1004 approval:A-2:77aa", "close-account ACC-1002-02 approval:A-3:01ff");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void theRetriesSettingIsTheNumberOfFurtherAttempts(int retries) throws Exception {
        startTheConnector(Map.of("connectors.core-banking.retries", String.valueOf(retries),
                "connectors.core-banking.retry-delay-ms", "1"));
        sandbox.faults().failNext("/core-banking/customers", 100, 503);

        Exchange done = send(ConnectorCall.get("list-cards", "/customers/C-1001/cards"));

        assertThat(done.getException()).isInstanceOf(io.agenthub.api.BackendException.class);
        assertThat(sandbox.faults().requestCount("/core-banking/customers")).isEqualTo(retries + 1);
    }

    @Test
    void theBreakerSettingsMakeABreakerInTheSharedRegistryThatOpensAndFailsCallsAtOnce() throws Exception {
        startTheConnector(Map.of("connectors.core-banking.retries", "0",
                "connectors.core-banking.breaker.sliding-window-size", "3",
                "connectors.core-banking.breaker.minimum-calls", "3",
                "connectors.core-banking.breaker.wait-in-open-ms", "90000"));
        sandbox.faults().failNext("/core-banking/customers", 100, 500);

        for (int i = 0; i < 3; i++) {
            send(ConnectorCall.get("list-cards", "/customers/C-1001/cards"));
        }
        Exchange refused = send(ConnectorCall.get("list-cards", "/customers/C-1001/cards"));

        CircuitBreaker breaker = breakers.find("connector-core-banking").orElseThrow();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(3);
        assertThat(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)).isEqualTo(90_000L);
        assertThat(sandbox.faults().requestCount("/core-banking/customers")).isEqualTo(3);
        assertThat(refused.getException()).isInstanceOf(io.agenthub.api.BackendException.class)
                .hasRootCauseInstanceOf(io.github.resilience4j.circuitbreaker.CallNotPermittedException.class);
    }
}
