package io.agenthub.flows.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.connectors.corebanking.Transaction;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.messages.ShippedMessages;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which payment the customer means, from the extracted slots, and which debits fit it. */
class UnrecognisedPaymentsTest {

    private final ObjectMapper json = new ObjectMapper();
    private final UnrecognisedPayments payments = new UnrecognisedPayments(
            Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC));

    private ExtractionAnswer slots(String slotsJson) throws IOException {
        return new ExtractionAnswer("r1", "banking-slots", (ObjectNode) json.readTree(slotsJson), true, "recognizers", List.of());
    }

    @Test
    void aDateReadForwardIsThePastOneAndBookingsLagAFewDays() throws IOException {
        PaymentSearch search = payments.search(slots("""
                {"amount_of_money":{"text":"€42.80","value":{"amount":42.80,"currency":"EUR"}},
                 "date":{"text":"9 November","value":"2027-11-09"},
                 "company_name":{"text":"Trattoria Da Nino","value":"Trattoria Da Nino"}}"""));
        assertThat(search.from()).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(search.to()).isEqualTo(LocalDate.of(2026, 11, 12));
        assertThat(search.amount()).isEqualByComparingTo("42.80");
        assertThat(search.payee()).isEqualTo("Trattoria Da Nino");
        assertThat(search.specific()).isTrue();
    }

    @Test
    void aPeriodBoundsTheSearchAndNothingNamedIsNotSpecific() throws IOException {
        PaymentSearch search = payments.search(slots("""
                {"date_period":{"text":"last month","value":{"type":"absolute","from":"2026-11-01","to":"2026-11-30"}}}"""));
        assertThat(search.from()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(search.to()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(search.specific()).isFalse();
        assertThat(payments.search(new ExtractionAnswer("r1", "banking-slots", null, false, "people", List.of())).from())
                .isEqualTo(LocalDate.of(2026, 10, 3));
    }

    @Test
    void onlyDebitsOfTheAmountToThePayeeMatch() {
        PaymentSearch search = new PaymentSearch(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), new BigDecimal("12.99"), "streamly");
        List<Transaction> booked = List.of(
                tx("TX-1", "-12.99", "Streamly Media"), tx("TX-2", "-12.99", "Kornfeld Supermarkt"),
                tx("TX-3", "12.99", "Streamly Media"), tx("TX-4", "-9.99", "Streamly Media"));
        assertThat(payments.match(search, booked).matched()).extracting(Transaction::transactionId).containsExactly("TX-1");
        assertThat(payments.match(search, booked).verdict().verdict()).isEqualTo("dispute TX-1");
        assertThat(ShippedMessages.english().word("demo-bank", payments.referred(payments.match(search, booked))).message())
                .contains("12.99 EUR to Streamly Media on 2026-11-06");
    }

    private static Transaction tx(String id, String amount, String counterparty) {
        return new Transaction(id, "ACC-1", Instant.parse("2026-11-06T12:30:00Z"), new BigDecimal(amount), "EUR", counterparty,
                "Kartenzahlung", "SUBSCRIPTIONS");
    }
}
