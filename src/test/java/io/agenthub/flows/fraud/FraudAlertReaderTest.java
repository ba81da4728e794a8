package io.agenthub.flows.fraud;

import io.agenthub.api.FieldError;
import io.agenthub.api.ProblemException;
import io.agenthub.app.JsonMapper;
import io.agenthub.frontdoor.StrictJson;
import io.agenthub.tenants.TenantDirectory;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every field of a fraud alert is checked before anything is stored; a refusal names each field at fault. */
class FraudAlertReaderTest {

    private final FraudAlertReader reader;

    FraudAlertReaderTest() throws Exception {
        try (var tenants = new FileInputStream("compliance/tenants.yaml")) {
            reader = new FraudAlertReader(new StrictJson(JsonMapper.create()), TenantDirectory.fromYaml(tenants),
                    Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
        }
    }

    private static final String GOOD = """
            {"alertId": "FA-1", "tenant": "demo-bank", "subjectId": "C-1002", "cardId": "CRD-1002-1",
             "transaction": {"amount": 642.1, "currency": "EUR", "merchant": " Electro Outlet ", "at": "2026-11-20T21:14:00Z"},
             "score": 0.93}""";

    private FraudAlert read(String json) {
        return reader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private java.util.List<String> refusedFields(String json) {
        ProblemException refused = catchThrowableOfType(() -> read(json), ProblemException.class);
        assertThat(refused).as("refused").isNotNull();
        return refused.problem().errors().stream().map(FieldError::field).toList();
    }

    @Test
    void aWellFormedAlertIsReadWithItsAmountInTwoDecimalsAndTheMerchantTrimmed() {
        FraudAlert alert = read(GOOD);

        assertThat(alert.transaction().amount()).isEqualTo(new BigDecimal("642.10"));
        assertThat(alert.transaction().merchant()).isEqualTo("Electro Outlet");
        assertThat(alert.recordKey()).isEqualTo("fraud-alert:FA-1");
        assertThat(alert.describe()).isEqualTo("Fraud alert FA-1: card CRD-1002-1, 642.10 EUR at Electro Outlet on"
                + " 2026-11-20T21:14:00Z, score 0.93");
    }

    @Test
    void aPaymentInTheFutureAnUnknownTenantAndAScoreOverOneAreRefused() {
        assertThat(refusedFields(GOOD.replace("2026-11-20T21:14:00Z", "2026-11-22T00:00:00Z"))).containsExactly("transaction.at");
        assertThat(refusedFields(GOOD.replace("demo-bank", "other-bank"))).containsExactly("tenant");
        assertThat(refusedFields(GOOD.replace("0.93", "1.5"))).containsExactly("score");
    }

    @Test
    void missingWrongTypedAndUnknownFieldsAreEachNamed() {
        assertThat(refusedFields("{\"alertId\": 7, \"tenant\": \"demo-bank\", \"transaction\": [], \"x\": 1}"))
                .containsExactlyInAnyOrder("x", "alertId", "subjectId", "cardId", "transaction");
        assertThat(refusedFields(GOOD.replace("\"score\": 0.93", "\"score\": 0.93, \"transaction\\u0000\": 1")))
                .containsExactly("?");
        assertThat(refusedFields(GOOD.replace("642.1", "\"642.10\""))).containsExactly("transaction.amount");
        assertThat(refusedFields(GOOD.replace("642.1", "0"))).containsExactly("transaction.amount");
    }

    @Test
    void aBodyThatIsNoJsonObjectOrTooLargeIsRefusedWhole() {
        assertThat(catchThrowableOfType(() -> read("[1]"), ProblemException.class).problem().status()).isEqualTo(400);
        assertThat(catchThrowableOfType(() -> read(GOOD + GOOD), ProblemException.class).problem().status()).isEqualTo(400);
        String huge = GOOD.replace("Electro Outlet", "E".repeat(FraudAlertReader.MAX_BODY_BYTES));
        assertThat(catchThrowableOfType(() -> read(huge), ProblemException.class).problem().status()).isEqualTo(413);
        byte[] notUtf8 = {'{', (byte) 0xC0, (byte) 0xAF, '}'};
        assertThat(catchThrowableOfType(() -> reader.parse(notUtf8), ProblemException.class).problem().status()).isEqualTo(400);
    }
}
