package io.agenthub.flows.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.actions.ActionOrder;
import io.agenthub.actions.ProposedAction;
import io.agenthub.api.ActionTaken;
import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.corebanking.Transaction;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.PastDates;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;

/**
 * The rules of the unrecognised-payment flow: a customer says they do not know a payment. From the amount, payee and
 * date extracted from their words it finds the debits that fit at core banking. When exactly one fits, its chargeback
 * is proposed to the action gate, which raises it after an independent check or a person's approval
 * (compliance/actions.yaml); otherwise the dispute goes to people with the payments found.
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
            return FlowResult.referred(ReplyText.of(ReplyKey.PAYMENT_NOT_FOUND, "payment", sought(found.search())),
                    found.reviewReason());
        }
        List<Object> lines = found.matched().stream().map(t -> (Object) ReplyText.of(ReplyKey.PAYMENT_LINE,
                "amount", money(t.amount()), "currency", t.currency(), "payee", t.counterparty(),
                "date", t.bookedAt().atZone(ZoneOffset.UTC).toLocalDate())).toList();
        return FlowResult.referred(ReplyText.of(lines.size() == 1 ? ReplyKey.PAYMENT_FOUND : ReplyKey.PAYMENTS_FOUND,
                        "payments", new ReplyText.Joined(ReplyKey.PAYMENT_LINES_SEPARATOR, lines)),
                found.matched().stream().map(t -> new ActionTaken("dispute-queued", "transaction:" + t.transactionId(), "PENDING_REVIEW"))
                        .toList(), found.reviewReason());
    }

    /** The payment looked for, in the customer's words: by what they told of it. */
    private static ReplyText sought(PaymentSearch search) {
        String amount = search.amount() == null ? null : search.amount().toPlainString();
        if (amount != null && search.payee() != null) {
            return ReplyText.of(ReplyKey.PAYMENT_SOUGHT_AMOUNT_PAYEE, "amount", amount, "payee", search.payee(),
                    "from", search.from(), "to", search.to());
        }
        if (amount != null) {
            return ReplyText.of(ReplyKey.PAYMENT_SOUGHT_AMOUNT, "amount", amount, "from", search.from(), "to", search.to());
        }
        if (search.payee() != null) {
            return ReplyText.of(ReplyKey.PAYMENT_SOUGHT_PAYEE, "payee", search.payee(), "from", search.from(), "to", search.to());
        }
        return ReplyText.of(ReplyKey.PAYMENT_SOUGHT_ANY, "from", search.from(), "to", search.to());
    }

    /** 42.8 as a customer reads money: 42.80. */
    private static String money(BigDecimal amount) {
        BigDecimal abs = amount.abs();
        return abs.setScale(Math.max(2, abs.scale()), java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * The chargeback of the one debit that fits, proposed to the action gate: it moves money, so a person approves it
     * over the policy's amount and an independent check ({@link ChargebackRules}) below it (compliance/actions.yaml).
     * Riskier when the customer named neither its amount nor its payee.
     */
    public ProposedAction chargeback(PaymentMatches found, CascadeAnswer intent) {
        Transaction debit = found.matched().get(0);
        PaymentSearch search = found.search();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("transactionId", debit.transactionId());
        parameters.put("accountId", debit.accountId());
        parameters.put("payee", debit.counterparty());
        parameters.put("bookedOn", debit.bookedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        parameters.put("reason", "not recognised by the customer");
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("intent", intent.label());
        evidence.put("confidence", intent.confidence());
        evidence.put("model", intent.model());
        evidence.put("searched", search.described());
        evidence.put("bookedAmount", debit.amount().toPlainString());
        ProposedAction.Risk risk = search.amount() != null && search.payee() != null ? ProposedAction.Risk.LOW
                : search.amount() != null || search.payee() != null ? ProposedAction.Risk.MEDIUM : ProposedAction.Risk.HIGH;
        return new ProposedAction("raise-chargeback", "transaction:" + debit.transactionId(), parameters,
                debit.amount().abs(), debit.currency(), risk, "the customer does not recognise this payment ("
                + found.verdict().reason() + ")", evidence);
    }

    /** The chargeback was raised at core banking. */
    public FlowResult raised(ActionOrder order) {
        ProposedAction action = order.action();
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.CHARGEBACK_RAISED, "amount", money(action.amount()),
                        "currency", action.currency(), "payee", action.text("payee"), "date", action.text("bookedOn")),
                List.of(new ActionTaken(action.type(), action.target(), "RAISED", order.approvalId())));
    }

    public FlowResult askWhich() {
        return FlowResult.saying(Outcome.NEEDS_INFORMATION, ReplyText.of(ReplyKey.PAYMENT_ASK_WHICH));
    }

    /** "Trattoria Da Nino" holds "da nino"; "Streamly" holds "streamly media"'s first word. */
    private static boolean names(String counterparty, String payee) {
        String c = counterparty.toLowerCase(Locale.ROOT);
        String p = payee.toLowerCase(Locale.ROOT).strip();
        return c.contains(p) || p.contains(c) || c.startsWith(p.split("\\s+")[0] + " ") || c.equals(p.split("\\s+")[0]);
    }
}
