package io.agenthub.flows.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.connectors.corebanking.Transaction;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.PastDates;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The rules of the unrecognised-payment flow: a customer says they do not know a payment. From the amount, payee and
 * date extracted from their words it finds the debits that fit at core banking, and tells them what was found. A
 * chargeback moves money, so it is never raised here: the dispute goes to a person with the payments found.
 */
public final class UnrecognisedPayments {

    /** Bookings lag card payments: a payment "on the 9th" may be booked a few days either side. */
    private static final int DAYS_AROUND = 3;
    /** Without a date, the customer most likely means a recent payment. */
    private static final int DAYS_BACK = 60;

    private final Clock clock;

    public UnrecognisedPayments(Clock clock) {
        this.clock = clock;
    }

    public PaymentSearch search(ExtractionAnswer slots) {
        LocalDate today = LocalDate.now(clock);
        JsonNode found = slots.slots() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : slots.slots();
        LocalDate from = today.minusDays(DAYS_BACK);
        LocalDate to = today;
        JsonNode day = found.path("date").isMissingNode() ? found.path("date_from") : found.path("date");
        JsonNode period = found.path("date_period").path("value");
        if (day.path("value").asText("").matches("\\d{4}-\\d{2}-\\d{2}")) {
            LocalDate on = PastDates.before(LocalDate.parse(day.path("value").asText()), day.path("text").asText(), today);
            from = on.minusDays(DAYS_AROUND);
            to = on.plusDays(DAYS_AROUND).isAfter(today) ? today : on.plusDays(DAYS_AROUND);
        } else if ("absolute".equals(period.path("type").asText())) {
            from = LocalDate.parse(period.path("from").asText());
            to = LocalDate.parse(period.path("to").asText());
        }
        BigDecimal amount = found.path("amount_of_money").path("value").path("amount").isNumber()
                ? found.path("amount_of_money").path("value").path("amount").decimalValue().abs() : null;
        JsonNode payee = found.has("company_name") ? found.path("company_name") : found.path("person_name");
        return new PaymentSearch(from, to, amount, payee.isMissingNode() ? null : payee.path("value").asText());
    }

    public PaymentMatches match(PaymentSearch search, List<Transaction> transactions) {
        List<Transaction> matched = transactions.stream()
                .filter(t -> t.amount().signum() < 0)
                .filter(t -> search.amount() == null || t.amount().abs().compareTo(search.amount()) == 0)
                .filter(t -> search.payee() == null || names(t.counterparty(), search.payee()))
                .sorted(Comparator.comparing(Transaction::bookedAt).reversed())
                .toList();
        return new PaymentMatches(search, matched);
    }

    public FlowResult referred(PaymentMatches found) {
        if (found.matched().isEmpty()) {
            return FlowResult.referred("We could not find " + found.search().described()
                    + ". A member of staff will look into it and contact you.", found.reviewReason());
        }
        String payments = found.matched().stream().map(t -> money(t.amount()) + " " + t.currency() + " to "
                + t.counterparty() + " on " + t.bookedAt().atZone(ZoneOffset.UTC).toLocalDate())
                .collect(Collectors.joining("; "));
        return new FlowResult(Outcome.REFERRED, "We found " + (found.matched().size() == 1 ? "this payment: " : "these payments: ")
                + payments + ". A member of staff will review your dispute and contact you; you do not need to do anything else.",
                found.matched().stream().map(t -> new ActionTaken("dispute-queued", "transaction:" + t.transactionId(), "PENDING_REVIEW"))
                        .toList(), found.reviewReason());
    }

    /** 42.8 as a customer reads money: 42.80. */
    private static String money(BigDecimal amount) {
        BigDecimal abs = amount.abs();
        return abs.setScale(Math.max(2, abs.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    public FlowResult askWhich() {
        return FlowResult.of(Outcome.NEEDS_INFORMATION,
                "Which payment do you not recognise? Tell us its amount, who it was paid to, and roughly when.");
    }

    /** "Trattoria Da Nino" holds "da nino"; "Streamly" holds "streamly media"'s first word. */
    private static boolean names(String counterparty, String payee) {
        String c = counterparty.toLowerCase(Locale.ROOT);
        String p = payee.toLowerCase(Locale.ROOT).strip();
        return c.contains(p) || p.contains(c) || c.startsWith(p.split("\\s+")[0] + " ") || c.equals(p.split("\\s+")[0]);
    }
}
