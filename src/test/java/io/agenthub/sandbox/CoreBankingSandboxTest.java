package io.agenthub.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.sandbox.SandboxClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class CoreBankingSandboxTest {

    private static final String BANK = "/core-banking";
    private static final String ENERGY_BILL_PAYMENT = """
            {"fromAccountId":"ACC-1001-01","creditorName":"Brightwater Energy Ltd",
             "creditorIban":"GB02 AGHB 4011 2273 3109 84","amount":100.00,"currency":"EUR","reference":"Invoice 7781"}""";

    private SandboxClient client;

    @BeforeEach
    void start() {
        client = SandboxClient.start();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private BigDecimal available(String accountId) {
        return client.get(BANK + "/accounts/" + accountId + "/balance").json().get("available").decimalValue();
    }

    private BigDecimal booked(String accountId) {
        return client.get(BANK + "/accounts/" + accountId + "/balance").json().get("booked").decimalValue();
    }

    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get(field).asText()));
        return ids;
    }

    @Nested
    class Customers {

        @Test
        void aKnownCustomerIsReturnedWithItsMasterData() {
            Reply reply = client.get(BANK + "/customers/C-1001");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.json().get("customerId").asText()).isEqualTo("C-1001");
            assertThat(reply.json().get("name").asText()).isEqualTo("Lena Brandt");
            assertThat(reply.json().get("email").asText()).endsWith("@example.com");
            assertThat(reply.json().get("segment").asText()).isEqualTo("RETAIL");
        }

        @Test
        void anUnknownCustomerIsAProblem404() {
            Reply reply = client.get(BANK + "/customers/C-9999");

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("status").asInt()).isEqualTo(404);
            assertThat(reply.json().get("title").asText()).isNotBlank();
            assertThat(reply.json().get("detail").asText()).contains("C-9999");
            assertThat(reply.json().get("instance").asText()).isEqualTo("/core-banking/customers/C-9999");
        }

        @Test
        void accountsOfACustomerAreListedWithIbans() {
            Reply reply = client.get(BANK + "/customers/C-1001/accounts");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ids(reply.json(), "accountId")).containsExactly("ACC-1001-01", "ACC-1001-02");
            JsonNode current = reply.json().get(0);
            assertThat(current.get("iban").asText()).isEqualTo("DE37760260000012345017");
            assertThat(current.get("currency").asText()).isEqualTo("EUR");
            assertThat(current.get("type").asText()).isEqualTo("CURRENT");
            assertThat(current.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(current.has("available")).as("balances are not part of the account list").isFalse();
        }

        @Test
        void accountsAndCardsOfAnUnknownCustomerAre404() {
            assertThat(client.get(BANK + "/customers/C-0000/accounts").status()).isEqualTo(404);
            assertThat(client.get(BANK + "/customers/C-0000/cards").status()).isEqualTo(404);
        }
    }

    @Nested
    class Balances {

        @Test
        void theBalanceCarriesTwoDecimalAmountsAndTheCurrentInstant() {
            Reply reply = client.get(BANK + "/accounts/ACC-1001-01/balance");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).contains("\"available\":2384.16", "\"booked\":2431.56");
            assertThat(reply.json().get("currency").asText()).isEqualTo("EUR");
            assertThat(reply.json().get("asOf").asText()).isEqualTo("2026-11-22T10:00:00Z");
        }

        @Test
        void roundAmountsStillHaveTwoDecimals() {
            assertThat(client.get(BANK + "/accounts/ACC-1001-02/balance").body()).contains("\"available\":12500.00");
        }

        @Test
        void theBalanceOfAnUnknownAccountIs404() {
            assertThat(client.get(BANK + "/accounts/ACC-0000-00/balance").status()).isEqualTo(404);
        }
    }

    @Nested
    class Transactions {

        @Test
        void transactionsComeNewestFirst() {
            Reply reply = client.get(BANK + "/accounts/ACC-1001-01/transactions");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json()).hasSize(10);
            List<String> bookedAt = ids(reply.json(), "bookedAt");
            assertThat(bookedAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
            JsonNode newest = reply.json().get(0);
            assertThat(newest.get("transactionId").asText()).isEqualTo("TX-100101-0010");
            assertThat(newest.get("amount").decimalValue()).isEqualByComparingTo("-36.90");
            assertThat(newest.get("counterparty").asText()).isEqualTo("Buchhandlung Seitenwind");
            assertThat(newest.get("category").asText()).isEqualTo("SHOPPING");
        }

        @Test
        void fromAndToAreInclusiveBookingDates() {
            Reply reply = client.get(BANK + "/accounts/ACC-1001-01/transactions?from=2026-11-06&to=2026-11-12");

            assertThat(ids(reply.json(), "transactionId"))
                    .containsExactly("TX-100101-0007", "TX-100101-0006", "TX-100101-0005");
        }

        @Test
        void limitKeepsTheNewest() {
            Reply reply = client.get(BANK + "/accounts/ACC-1002-01/transactions?limit=2");

            assertThat(ids(reply.json(), "transactionId")).containsExactly("TX-100201-0010", "TX-100201-0009");
        }

        @Test
        void invalidQueryParametersAreA400ListingEachField() {
            Reply reply = client.get(BANK + "/accounts/ACC-1001-01/transactions?from=01.11.2026&limit=0");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.problemType()).isEqualTo("validation-failed");
            assertThat(ids(reply.json().get("errors"), "field")).containsExactlyInAnyOrder("from", "limit");
        }

        @Test
        void fromAfterToIsA400() {
            Reply reply = client.get(BANK + "/accounts/ACC-1001-01/transactions?from=2026-11-20&to=2026-11-01");

            assertThat(reply.status()).isEqualTo(400);
        }

        @Test
        void transactionsOfAnUnknownAccountAre404() {
            assertThat(client.get(BANK + "/accounts/NOPE/transactions").status()).isEqualTo(404);
        }
    }

    @Nested
    class Cards {

        @Test
        void cardsOfACustomerAreListedWithTheirState() {
            Reply reply = client.get(BANK + "/customers/C-1002/cards");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ids(reply.json(), "last4")).containsExactly("3307", "9154");
            assertThat(ids(reply.json(), "status")).containsOnly("ACTIVE");
            assertThat(ids(reply.json(), "type")).containsExactly("DEBIT", "CREDIT");
            assertThat(reply.json().get(0).has("blockReason")).isFalse();
        }

        @Test
        void aBlockedCardShowsItsReasonAndTime() {
            JsonNode card = client.get(BANK + "/customers/C-1003/cards").json().get(0);

            assertThat(card.get("status").asText()).isEqualTo("BLOCKED");
            assertThat(card.get("blockReason").asText()).isEqualTo("LOST");
            assertThat(card.get("blockedAt").asText()).isEqualTo("2026-11-03T18:42:10Z");
        }

        @Test
        void blockingACardBlocksItForGood() {
            Reply reply = client.post(BANK + "/cards/CRD-1001-1/block", "block-1", "{\"reason\":\"STOLEN\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("cardId").asText()).isEqualTo("CRD-1001-1");
            assertThat(reply.json().get("status").asText()).isEqualTo("BLOCKED");
            assertThat(reply.json().get("blockReason").asText()).isEqualTo("STOLEN");
            assertThat(reply.json().get("blockedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
            assertThat(reply.header("Idempotent-Replayed")).isNull();
            assertThat(client.get(BANK + "/customers/C-1001/cards").json().get(0).get("status").asText())
                    .isEqualTo("BLOCKED");
        }

        @Test
        void blockingACardTwiceWithTheSameKeyReturnsTheFirstAnswer() {
            Reply first = client.post(BANK + "/cards/CRD-1001-1/block", "same-key", "{\"reason\":\"LOST\"}");
            Reply second = client.post(BANK + "/cards/CRD-1001-1/block", "same-key", "{\"reason\":\"LOST\"}");

            assertThat(second.status()).isEqualTo(first.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void blockingAnAlreadyBlockedCardWithANewKeyKeepsTheFirstReason() {
            Reply reply = client.post(BANK + "/cards/CRD-1003-1/block", "fresh-key", "{\"reason\":\"FRAUD_SUSPECTED\"}");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("status").asText()).isEqualTo("BLOCKED");
            assertThat(reply.json().get("blockReason").asText()).isEqualTo("LOST");
            assertThat(reply.json().get("blockedAt").asText()).isEqualTo("2026-11-03T18:42:10Z");
        }

        @Test
        void reusingABlockKeyForAnotherCardIsAConflict() {
            client.post(BANK + "/cards/CRD-1002-1/block", "key-a", "{\"reason\":\"LOST\"}");

            Reply reply = client.post(BANK + "/cards/CRD-1002-2/block", "key-a", "{\"reason\":\"LOST\"}");

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.problemType()).isEqualTo("idempotency-key-reused");
            assertThat(client.get(BANK + "/customers/C-1002/cards").json().get(1).get("status").asText())
                    .isEqualTo("ACTIVE");
        }

        @Test
        void blockingWithoutAnIdempotencyKeyIs428AndChangesNothing() {
            Reply reply = client.post(BANK + "/cards/CRD-1001-1/block", null, "{\"reason\":\"LOST\"}");

            assertThat(reply.status()).isEqualTo(428);
            assertThat(reply.problemType()).isEqualTo("idempotency-key-missing");
            assertThat(client.get(BANK + "/customers/C-1001/cards").json().get(0).get("status").asText())
                    .isEqualTo("ACTIVE");
        }

        @Test
        void anUnknownBlockReasonIsA400() {
            Reply reply = client.post(BANK + "/cards/CRD-1001-1/block", "k", "{\"reason\":\"BORED\"}");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        }

        @Test
        void blockingAnUnknownCardIs404AndTheKeyStaysUsable() {
            assertThat(client.post(BANK + "/cards/CRD-0000-0/block", "k", "{\"reason\":\"LOST\"}").status())
                    .isEqualTo(404);

            assertThat(client.post(BANK + "/cards/CRD-1001-1/block", "k", "{\"reason\":\"LOST\"}").status())
                    .isEqualTo(200);
        }
    }

    @Nested
    class Payments {

        @Test
        void anAccountsTransfersTellHowFarEachGotNewestFirst() {
            Reply reply = client.get(BANK + "/accounts/ACC-1004-01/payments?from=2026-11-01&to=2026-11-30");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ids(reply.json(), "paymentId")).containsExactly("PAY-900003", "PAY-900004");
            assertThat(reply.json().get(0).path("status").asText()).isEqualTo("REJECTED");
            assertThat(reply.json().get(0).path("rejectionReason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(reply.json().get(0).has("settlement")).isFalse();
            assertThat(reply.json().get(1).path("settlement").asText()).isEqualTo("RETURNED");
            assertThat(reply.json().get(1).path("returnReason").asText()).isEqualTo("CREDITOR_ACCOUNT_CLOSED");
            assertThat(client.get(BANK + "/accounts/ACC-1004-01/payments?to=2026-11-15").json()).hasSize(1);
            assertThat(client.get(BANK + "/accounts/ACC-0000-00/payments").status()).isEqualTo(404);
            assertThat(client.get(BANK + "/accounts/ACC-1004-01/payments?from=2026-11-30&to=2026-11-01").status())
                    .isEqualTo(400);
        }

        @Test
        void aTransferToAnotherBankIsPendingUntilTheNextBusinessDayAndOneBetweenOwnAccountsSettlesAtOnce() {
            JsonNode external = client.post(BANK + "/payments", "pay-external", ENERGY_BILL_PAYMENT).json();
            JsonNode internal = client.post(BANK + "/payments", "pay-internal", ENERGY_BILL_PAYMENT
                    .replace("GB02 AGHB 4011 2273 3109 84", "DE15760260000012345025")).json();

            assertThat(external.path("settlement").asText()).isEqualTo("PENDING");
            assertThat(java.time.LocalDate.parse(external.path("expectedArrival").asText()).getDayOfWeek())
                    .isNotIn(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
            assertThat(internal.path("settlement").asText()).isEqualTo("SETTLED");
            assertThat(internal.has("settledAt")).isTrue();
            assertThat(ids(client.get(BANK + "/accounts/ACC-1001-01/payments").json(), "paymentId"))
                    .contains(external.path("paymentId").asText(), internal.path("paymentId").asText(), "PAY-900001");
        }

        @Test
        void anAcceptedPaymentDebitsTheBalanceAndAppearsInTransactions() {
            BigDecimal before = available("ACC-1001-01");
            BigDecimal bookedBefore = booked("ACC-1001-01");

            Reply reply = client.post(BANK + "/payments", "pay-1", ENERGY_BILL_PAYMENT);

            assertThat(reply.status()).isEqualTo(201);
            JsonNode payment = reply.json();
            String paymentId = payment.get("paymentId").asText();
            assertThat(payment.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(payment.has("rejectionReason")).isFalse();
            assertThat(payment.get("creditorIban").asText()).isEqualTo("GB02AGHB40112273310984");
            assertThat(reply.body()).contains("\"amount\":100.00");
            assertThat(reply.header("Location")).isEqualTo("/core-banking/payments/" + paymentId);
            assertThat(available("ACC-1001-01")).isEqualByComparingTo(before.subtract(new BigDecimal("100.00")));
            assertThat(booked("ACC-1001-01")).isEqualByComparingTo(bookedBefore.subtract(new BigDecimal("100.00")));

            JsonNode newest = client.get(BANK + "/accounts/ACC-1001-01/transactions?limit=1").json().get(0);
            assertThat(newest.get("transactionId").asText()).isEqualTo(payment.get("transactionId").asText());
            assertThat(newest.get("amount").decimalValue()).isEqualByComparingTo("-100.00");
            assertThat(newest.get("counterparty").asText()).isEqualTo("Brightwater Energy Ltd");
            assertThat(newest.get("description").asText()).isEqualTo("Invoice 7781");
            assertThat(newest.get("bookedAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
        }

        @Test
        void aPaymentCanBeReadBack() {
            Reply created = client.post(BANK + "/payments", "pay-1", ENERGY_BILL_PAYMENT);

            Reply read = client.get(created.header("Location"));

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.body()).isEqualTo(created.body());
        }

        @Test
        void aSeededPaymentCanBeRead() {
            Reply reply = client.get(BANK + "/payments/PAY-900001");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(reply.json().get("transactionId").asText()).isEqualTo("TX-100101-0002");
        }

        @Test
        void anUnknownPaymentIs404() {
            assertThat(client.get(BANK + "/payments/PAY-000000").status()).isEqualTo(404);
        }

        @Test
        void repeatingAPaymentWithTheSameKeyDoesNotDebitTwice() {
            BigDecimal before = available("ACC-1001-01");

            Reply first = client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT);
            Reply second = client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT);

            assertThat(second.status()).isEqualTo(201);
            assertThat(second.body()).isEqualTo(first.body());
            assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(second.header("Location")).isEqualTo(first.header("Location"));
            assertThat(available("ACC-1001-01")).isEqualByComparingTo(before.subtract(new BigDecimal("100.00")));
        }

        @Test
        void theSameAmountWrittenDifferentlyIsTheSameRequest() {
            client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT);

            Reply again = client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT.replace("100.00", "100"));

            assertThat(again.status()).isEqualTo(201);
            assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        }

        @Test
        void concurrentRetriesWithOneKeyDebitOnce() {
            BigDecimal before = available("ACC-1001-01");

            List<CompletableFuture<Reply>> replies = IntStream.range(0, 16)
                    .mapToObj(i -> client.postAsync(BANK + "/payments", "racing-key", ENERGY_BILL_PAYMENT))
                    .toList();

            List<String> bodies = replies.stream().map(CompletableFuture::join).map(Reply::body).distinct().toList();
            assertThat(bodies).hasSize(1);
            assertThat(available("ACC-1001-01")).isEqualByComparingTo(before.subtract(new BigDecimal("100.00")));
        }

        @Test
        void theSameKeyWithADifferentBodyIsAConflictAndDoesNotDebit() {
            client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT);
            BigDecimal after = available("ACC-1001-01");

            Reply reply = client.post(BANK + "/payments", "pay-once", ENERGY_BILL_PAYMENT.replace("100.00", "200.00"));

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(available("ACC-1001-01")).isEqualByComparingTo(after);
        }

        @Test
        void insufficientFundsIsARejectedPaymentNotAnError() {
            Reply reply = client.post(BANK + "/payments", "pay-big", """
                    {"fromAccountId":"ACC-1004-01","creditorName":"Holzhandel Brenner",
                     "creditorIban":"DE19760260000044120019","amount":500.00,"currency":"EUR"}""");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.json().get("status").asText()).isEqualTo("REJECTED");
            assertThat(reply.json().get("rejectionReason").asText()).isEqualTo("INSUFFICIENT_FUNDS");
            assertThat(reply.json().has("transactionId")).isFalse();
            assertThat(available("ACC-1004-01")).isEqualByComparingTo("42.17");
            assertThat(client.get(BANK + "/payments/" + reply.json().get("paymentId").asText()).status())
                    .isEqualTo(200);
        }

        @Test
        void aPaymentFromABlockedAccountIsRejected() {
            Reply reply = client.post(BANK + "/payments", "pay-blocked", """
                    {"fromAccountId":"ACC-1005-02","creditorName":"Marlow Estates",
                     "creditorIban":"GB02AGHB40112273310984","amount":10.00,"currency":"GBP"}""");

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.json().get("rejectionReason").asText()).isEqualTo("ACCOUNT_NOT_ACTIVE");
        }

        @Test
        void aTransferToAnotherAccountOfTheBankCreditsIt() {
            BigDecimal savings = available("ACC-1001-02");

            Reply reply = client.post(BANK + "/payments", "to-savings", """
                    {"fromAccountId":"ACC-1001-01","creditorName":"Lena Brandt",
                     "creditorIban":"DE15760260000012345025","amount":250.00,"currency":"EUR","reference":"Sparen"}""");

            assertThat(reply.json().get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(available("ACC-1001-02")).isEqualByComparingTo(savings.add(new BigDecimal("250.00")));
            JsonNode credit = client.get(BANK + "/accounts/ACC-1001-02/transactions?limit=1").json().get(0);
            assertThat(credit.get("amount").decimalValue()).isEqualByComparingTo("250.00");
            assertThat(credit.get("counterparty").asText()).isEqualTo("Lena Brandt");
        }

        @Test
        void aCurrencyOtherThanTheAccountsIs422() {
            Reply reply = client.post(BANK + "/payments", "pay-gbp", ENERGY_BILL_PAYMENT.replace("\"EUR\"", "\"GBP\""));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.problemType()).isEqualTo("currency-mismatch");
        }

        @Test
        void anUnknownDebtorAccountIs422() {
            Reply reply = client.post(BANK + "/payments", "pay-x", ENERGY_BILL_PAYMENT.replace("ACC-1001-01", "ACC-0000-00"));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.problemType()).isEqualTo("unknown-account");
        }

        @Test
        void missingAndInvalidFieldsAreAllReportedIn400() {
            Reply reply = client.post(BANK + "/payments", "pay-bad", """
                    {"fromAccountId":"ACC-1001-01","creditorIban":"DE00760260000044120019",
                     "amount":"12.00","currency":"euro"}""");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.problemType()).isEqualTo("validation-failed");
            assertThat(ids(reply.json().get("errors"), "field"))
                    .containsExactlyInAnyOrder("creditorName", "creditorIban", "amount", "currency");
        }

        @Test
        void negativeZeroAndOverPreciseAmountsAreRejected() {
            for (String amount : List.of("-5.00", "0", "10.005")) {
                Reply reply = client.post(BANK + "/payments", "pay-" + amount, ENERGY_BILL_PAYMENT.replace("100.00", amount));
                assertThat(reply.status()).as(amount).isEqualTo(400);
            }
        }

        @Test
        void malformedJsonIsA400WithoutInternals() {
            Reply reply = client.post(BANK + "/payments", "pay-broken", "{\"fromAccountId\": ");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.problemType()).isEqualTo("malformed-json");
            assertThat(reply.body()).doesNotContain("at com.", "at io.", "Exception");
        }

        @Test
        void aJsonArrayIsNotAPaymentRequest() {
            assertThat(client.post(BANK + "/payments", "pay-array", "[]").status()).isEqualTo(400);
        }

        @Test
        void aPaymentWithoutAnIdempotencyKeyIs428() {
            BigDecimal before = available("ACC-1001-01");

            assertThat(client.post(BANK + "/payments", null, ENERGY_BILL_PAYMENT).status()).isEqualTo(428);
            assertThat(available("ACC-1001-01")).isEqualByComparingTo(before);
        }

        @Test
        void anOverlongIdempotencyKeyIs400() {
            assertThat(client.post(BANK + "/payments", "k".repeat(256), ENERGY_BILL_PAYMENT).status()).isEqualTo(400);
        }

        @Test
        void anOversizedBodyIs413() {
            String huge = "{\"reference\":\"" + "x".repeat(70_000) + "\"}";

            Reply reply = client.post(BANK + "/payments", "pay-huge", huge);

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }

        @Test
        void aNonJsonContentTypeIs415() {
            Reply reply = client.send(client.request(BANK + "/payments")
                    .header("Content-Type", "text/plain")
                    .header("Idempotency-Key", "pay-text")
                    .POST(HttpRequest.BodyPublishers.ofString(ENERGY_BILL_PAYMENT))
                    .build());

            assertThat(reply.status()).isEqualTo(415);
        }
    }
}
