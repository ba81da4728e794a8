package io.agenthub.flows.payments;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Which payment a customer disputes, as far as their words tell: booked between {@code from} and {@code to}, of
 * {@code amount} (null: any) to a counterparty whose name holds {@code payee} (null: any).
 */
public record PaymentSearch(LocalDate from, LocalDate to, BigDecimal amount, String payee) {

    /** Enough to look for one payment: an amount or a payee. Dates alone would match a month of spending. */
    public boolean specific() {
        return amount != null || payee != null;
    }

    public String described() {
        StringBuilder s = new StringBuilder("a payment");
        if (amount != null) {
            s.append(" of ").append(amount.toPlainString());
        }
        if (payee != null) {
            s.append(" to ").append(payee);
        }
        return s.append(" booked ").append(from).append(" to ").append(to).toString();
    }
}
