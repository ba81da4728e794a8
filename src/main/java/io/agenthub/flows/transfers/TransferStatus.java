package io.agenthub.flows.transfers;

import io.agenthub.api.FlowResult;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;
import io.agenthub.connectors.corebanking.Payment;
import io.agenthub.store.StepOutbox;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of the transfer-status flow (routes/transfer-status.camel.yaml): where the customer's recent transfers
 * stand, from core banking's payments of their accounts (listAccountPayments), each as the customer would ask about
 * it: on its way (and by when), completed (when, and by when the payee's bank had it), not sent (why), or sent back
 * (why). The same answer serves a pending, failed, declined or missing transfer, and how long one takes: it is what
 * the bank knows of each.
 */
public final class TransferStatus {

    /** At most this many transfers are told, the newest; more would be a statement, not an answer. */
    static final int MOST_TOLD = 5;

    private final Clock clock;
    private final int daysBack;
    private final StepOutbox steps;

    /** @param daysBack how far back the customer's transfers are looked for (hub.transfer-status.days-back) */
    public TransferStatus(Clock clock, int daysBack, StepOutbox steps) {
        this.clock = clock;
        this.daysBack = daysBack;
        this.steps = steps;
    }

    public LocalDate from() {
        return to().minusDays(daysBack);
    }

    public LocalDate to() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /** The answer from the transfers found (newest first), with an audit step of what was found, by id and status. */
    public FlowResult answer(List<Payment> payments, LocalDate from, LocalDate to, String requestId) {
        List<Payment> told = payments.stream().limit(MOST_TOLD).toList();
        Map<String, Object> found = new LinkedHashMap<>();
        found.put("from", from.toString());
        found.put("to", to.toString());
        found.put("found", payments.size());
        found.put("told", told.stream().map(p -> p.paymentId() + ":" + state(p)).toList());
        steps.step(requestId, "transfers-found", found);
        if (told.isEmpty()) {
            return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.TRANSFERS_NONE, "from", from, "to", to));
        }
        List<Object> lines = told.stream().map(p -> (Object) line(p)).toList();
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.TRANSFERS_FOUND, "from", from, "to", to,
                "transfers", new ReplyText.Joined(ReplyKey.TRANSFER_LINES_SEPARATOR, lines)));
    }

    private static String state(Payment p) {
        return "REJECTED".equals(p.status()) ? "rejected" : p.settlement() == null ? "accepted"
                : p.settlement().toLowerCase(java.util.Locale.ROOT);
    }

    private static ReplyText line(Payment p) {
        Object amount = p.amount().toPlainString();
        LocalDate date = day(p.createdAt());
        if ("REJECTED".equals(p.status())) {
            return ReplyText.of(ReplyKey.TRANSFER_REJECTED, "amount", amount, "currency", p.currency(),
                    "payee", p.creditorName(), "date", date, "reason", reason(p.rejectionReason()));
        }
        if ("RETURNED".equals(p.settlement())) {
            return ReplyText.of(ReplyKey.TRANSFER_RETURNED, "amount", amount, "currency", p.currency(),
                    "payee", p.creditorName(), "date", date, "reason", reason(p.returnReason()));
        }
        if ("PENDING".equals(p.settlement())) {
            return ReplyText.of(ReplyKey.TRANSFER_PENDING, "amount", amount, "currency", p.currency(),
                    "payee", p.creditorName(), "date", date, "arrival", p.expectedArrival() != null ? p.expectedArrival() : date);
        }
        // Settled, or accepted by a bank that tells no more: booked on the day it was made.
        LocalDate completed = p.settledAt() != null ? day(p.settledAt()) : date;
        return ReplyText.of(ReplyKey.TRANSFER_COMPLETED, "amount", amount, "currency", p.currency(),
                "payee", p.creditorName(), "date", date, "completed", completed,
                "arrival", p.expectedArrival() != null ? p.expectedArrival() : completed);
    }

    private static ReplyText reason(String code) {
        return ReplyText.of(switch (code == null ? "" : code) {
            case "INSUFFICIENT_FUNDS" -> ReplyKey.TRANSFER_REASON_INSUFFICIENT_FUNDS;
            case "ACCOUNT_NOT_ACTIVE" -> ReplyKey.TRANSFER_REASON_ACCOUNT_NOT_ACTIVE;
            case "CREDITOR_ACCOUNT_CLOSED", "CREDITOR_ACCOUNT_UNKNOWN" -> ReplyKey.TRANSFER_REASON_PAYEE_ACCOUNT;
            case "CREDITOR_NAME_MISMATCH" -> ReplyKey.TRANSFER_REASON_PAYEE_NAME;
            default -> ReplyKey.TRANSFER_REASON_OTHER;
        });
    }

    private static LocalDate day(java.time.Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
