package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The writes the people-in-the-loop flows take: a chargeback, a change of contact details, closing an account. */
class CoreBankingActionsTest {

    private static final String BANK = "/core-banking";
    private static final String TRATTORIA = BANK + "/transactions/TX-100101-0006/chargeback";
    private static final String DISPUTE = """
            {"reason":"Card payment not recognised by the customer","amount":42.80,"currency":"EUR"}""";
    private static final String LEEDS = """
            {"address":{"line1":"12 High Street","city":"Leeds","postcode":"ls1 4ab","country":"gb"}}""";

    private SandboxClient client;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private List<String> actionKeys(String operation) {
        List<String> keys = new ArrayList<>();
        client.get("/sandbox/actions").json().forEach(a -> {
            if (a.get("operation").asText().equals(operation)) {
                keys.add(a.get("targetId").asText() + " " + a.get("idempotencyKey").asText());
            }
        });
        return keys;
    }

    private static List<String> errorFields(Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().path("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Nested
    class Chargebacks {

        @Test
        void aDebitIsDisputedForItsWholeAmountAndTheActionIsRecordedWithItsKey() {
            Reply reply = client.post(TRATTORIA, "approval:A-1:3f1c", DISPUTE);

            assertThat(reply.status()).isEqualTo(201);
            JsonNode chargeback = reply.json();
            assertThat(chargeback.get("chargebackId").asText()).isEqualTo("CBK-100001");
            assertThat(chargeback.get("transactionId").asText()).isEqualTo("TX-100101-0006");
            assertThat(reply.body()).contains("\"amount\":42.80");
            assertThat(chargeback.get("currency").asText()).isEqualTo("EUR");
            assertThat(chargeback.get("status").asText()).isEqualTo("RAISED");
            assertThat(chargeback.get("raisedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(actionKeys("raise-chargeback")).containsExactly("TX-100101-0006 approval:A-1:3f1c");
        }

        @Test
        void theSameKeyAnswersTheFirstChargebackAndIsOneAction() {
            Reply first = client.post(TRATTORIA, "k-1", DISPUTE);
            Reply again = client.post(TRATTORIA, "k-1", DISPUTE);

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(actionKeys("raise-chargeback")).hasSize(1);
        }

        @Test
        void aDebitDisputedOnceIsAConflictUnderAnotherKey() {
            client.post(TRATTORIA, "k-1", DISPUTE);

            Reply second = client.post(TRATTORIA, "k-2", DISPUTE);

            assertThat(second.status()).isEqualTo(409);
            assertThat(second.problemType()).isEqualTo("already-disputed");
            assertThat(second.json().get("detail").asText()).contains("CBK-100001");
            assertThat(actionKeys("raise-chargeback")).containsExactly("TX-100101-0006 k-1");
        }

        @Test
        void theSameKeyWithAnotherReasonIsAKeyConflict() {
            client.post(TRATTORIA, "k-1", DISPUTE);

            Reply reply = client.post(TRATTORIA, "k-1", DISPUTE.replace("not recognised", "duplicated"));

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.problemType()).isEqualTo("idempotency-key-reused");
        }

        @Test
        void anUnknownTransactionIs404AndNothingIsRecorded() {
            Reply reply = client.post(BANK + "/transactions/TX-0000-0000/chargeback", "k-1", DISPUTE);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.problemType()).isEqualTo("not-found");
            assertThat(actionKeys("raise-chargeback")).isEmpty();
        }

        @Test
        void aCreditCannotBeDisputed() {
            Reply reply = client.post(BANK + "/transactions/TX-100101-0001/chargeback", "k-1",
                    "{\"reason\":\"salary\",\"amount\":2890.00,\"currency\":\"EUR\"}");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.problemType()).isEqualTo("not-a-debit");
        }

        @Test
        void anotherAmountOrCurrencyThanTheDebitsIs422AndTheKeyStaysUsable() {
            Reply part = client.post(TRATTORIA, "k-1", DISPUTE.replace("42.80", "40.00"));
            Reply pounds = client.post(TRATTORIA, "k-1", DISPUTE.replace("EUR", "GBP"));

            assertThat(part.status()).isEqualTo(422);
            assertThat(part.problemType()).isEqualTo("amount-mismatch");
            assertThat(part.json().get("detail").asText()).contains("42.80 EUR");
            assertThat(pounds.status()).isEqualTo(422);
            assertThat(pounds.problemType()).isEqualTo("currency-mismatch");
            assertThat(client.post(TRATTORIA, "k-1", DISPUTE).status()).isEqualTo(201);
        }

        @Test
        void everyMissingOrMalformedFieldIsListedInOne400() {
            Reply reply = client.post(TRATTORIA, "k-1", "{\"reason\":\" \",\"amount\":\"42.80\",\"currency\":\"eur\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorFields(reply)).containsExactlyInAnyOrder("reason", "amount", "currency");
        }

        @Test
        void withoutAKeyIs428() {
            assertThat(client.post(TRATTORIA, null, DISPUTE).status()).isEqualTo(428);
        }
    }

    @Nested
    class ContactDetailsChanges {

        private static final String C_1004 = BANK + "/customers/C-1004/contact-details";

        @Test
        void aNewAddressReplacesTheOldAndTheOtherDetailsStay() {
            Reply reply = client.put(C_1004, "approval:A-2:77aa", LEEDS);

            assertThat(reply.status()).isEqualTo(200);
            JsonNode details = reply.json();
            assertThat(details.get("customerId").asText()).isEqualTo("C-1004");
            assertThat(details.get("address").toString())
                    .isEqualTo("{\"line1\":\"12 High Street\",\"city\":\"Leeds\",\"postcode\":\"LS1 4AB\",\"country\":\"GB\"}");
            assertThat(details.get("email").asText()).isEqualTo("jonas.keller@keller-tischlerei.example");
            assertThat(details.get("phone").asText()).isEqualTo("+4971335550142");
            assertThat(details.get("updatedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
            JsonNode customer = client.get(BANK + "/customers/C-1004").json();
            assertThat(customer.get("address").get("city").asText()).isEqualTo("Leeds");
            assertThat(actionKeys("change-contact-details")).containsExactly("C-1004 approval:A-2:77aa");
        }

        @Test
        void emailAndPhoneChangeAloneAndAPhoneIsKeptInInternationalForm() {
            Reply reply = client.put(C_1004, "k-1", "{\"email\":\"jonas@keller.example\",\"phone\":\"+44 (113) 496-0000\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("email").asText()).isEqualTo("jonas@keller.example");
            assertThat(reply.json().get("phone").asText()).isEqualTo("+441134960000");
            assertThat(reply.json().get("address").get("city").asText()).isEqualTo("Nordheim");
        }

        @Test
        void theSameKeyAnswersTheFirstChangeAndAnotherChangeUnderItIsAConflict() {
            Reply first = client.put(C_1004, "k-1", LEEDS);
            Reply again = client.put(C_1004, "k-1", LEEDS);
            Reply other = client.put(C_1004, "k-1", "{\"email\":\"jonas@keller.example\"}");

            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(other.status()).isEqualTo(409);
            assertThat(actionKeys("change-contact-details")).hasSize(1);
        }

        @Test
        void eachInvalidFieldIsNamedWithItsReason() {
            Reply reply = client.put(C_1004, "k-1", """
                    {"address":{"line1":"12 High Street\\nBcc: x","city":"","postcode":"LS1<4AB","country":"XX","floor":3},
                     "email":"jonas at keller","phone":"0113 496 0000"}""");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(errorFields(reply)).containsExactlyInAnyOrder("address.line1", "address.city", "address.postcode",
                    "address.country", "address.floor", "email", "phone");
            assertThat(reply.json().get("errors").toString()).contains("international form");
            assertThat(client.get(BANK + "/customers/C-1004").json().get("email").asText())
                    .isEqualTo("jonas.keller@keller-tischlerei.example");
        }

        @Test
        void anAddressNeedsItsLinesAndNothingElseCanBeChanged() {
            Reply partial = client.put(C_1004, "k-1", "{\"address\":{\"city\":\"Leeds\"}}");
            Reply name = client.put(C_1004, "k-1", "{\"name\":\"Mallory\"}");
            Reply empty = client.put(C_1004, "k-1", "{}");
            Reply notAnObject = client.put(C_1004, "k-1", "{\"address\":\"12 High Street, Leeds\"}");

            assertThat(errorFields(partial)).containsExactlyInAnyOrder("address.line1", "address.postcode", "address.country");
            assertThat(errorFields(name)).containsExactlyInAnyOrder("name", "address");
            assertThat(errorFields(empty)).containsExactly("address");
            assertThat(errorFields(notAnObject)).containsExactly("address");
            assertThat(actionKeys("change-contact-details")).isEmpty();
        }

        @Test
        void anUnknownCustomerIs404AndAMissingKey428() {
            assertThat(client.put(BANK + "/customers/C-9999/contact-details", "k-1", LEEDS).status()).isEqualTo(404);
            assertThat(client.put(C_1004, null, LEEDS).status()).isEqualTo(428);
            assertThat(actionKeys("change-contact-details")).isEmpty();
        }
    }

    @Nested
    class AccountClosures {

        @Test
        void anEmptyAccountIsClosedAndTakesNoMorePayments() {
            Reply reply = client.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-1", null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("accountId").asText()).isEqualTo("ACC-1002-02");
            assertThat(reply.json().get("status").asText()).isEqualTo("CLOSED");
            assertThat(client.get(BANK + "/customers/C-1002/accounts").json().get(1).get("status").asText())
                    .isEqualTo("CLOSED");
            assertThat(actionKeys("close-account")).containsExactly("ACC-1002-02 close-1");
        }

        @Test
        void anAccountHoldingMoneyIsAConflictAndStaysOpen() {
            Reply reply = client.send("POST", BANK + "/accounts/ACC-1002-01/close", "close-1", null);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.problemType()).isEqualTo("balance-not-zero");
            assertThat(client.get(BANK + "/customers/C-1002/accounts").json().get(0).get("status").asText())
                    .isEqualTo("ACTIVE");
            assertThat(actionKeys("close-account")).isEmpty();
        }

        @Test
        void theSameKeyAnswersTheFirstClosureAndAClosedAccountStaysClosed() {
            Reply first = client.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-1", null);
            Reply again = client.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-1", null);
            Reply otherKey = client.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-2", "{}");

            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(otherKey.status()).isEqualTo(200);
            assertThat(otherKey.json().get("status").asText()).isEqualTo("CLOSED");
        }

        @Test
        void anUnknownAccountIs404AndAMissingKey428() {
            assertThat(client.send("POST", BANK + "/accounts/ACC-0000-00/close", "k", null).status()).isEqualTo(404);
            assertThat(client.send("POST", BANK + "/accounts/ACC-1002-02/close", null, null).status()).isEqualTo(428);
        }

        @Test
        void aPaymentFromAClosedAccountIsRejected() {
            client.send("POST", BANK + "/accounts/ACC-1002-02/close", "close-1", null);

            Reply payment = client.post(BANK + "/payments", "pay-1", """
                    {"fromAccountId":"ACC-1002-02","creditorName":"Fenwick Lettings",
                     "creditorIban":"GB59AGHB60837141926035","amount":1.00,"currency":"GBP"}""");

            assertThat(payment.status()).isEqualTo(201);
            assertThat(payment.json().get("status").asText()).isEqualTo("REJECTED");
            assertThat(payment.json().get("rejectionReason").asText()).isEqualTo("ACCOUNT_NOT_ACTIVE");
        }
    }
}
