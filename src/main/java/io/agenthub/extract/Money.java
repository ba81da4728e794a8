package io.agenthub.extract;

import java.math.BigDecimal;

/**
 * An amount of money as a back-end takes it: a decimal amount (never a binary float) and an ISO 4217
 * currency code, or {@code ambiguous} where the text names none.
 */
public record Money(BigDecimal amount, String currency) {

    public static final String AMBIGUOUS = "ambiguous";
}
