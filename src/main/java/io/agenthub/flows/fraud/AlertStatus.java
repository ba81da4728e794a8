package io.agenthub.flows.fraud;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** Where a fraud alert stands (table hub_fraud_alert, column status). */
public enum AlertStatus {
    /** Admitted; the customer has not been asked yet (its request is running, or a crash interrupted it). */
    RECEIVED,
    /** The customer was asked to confirm the payment; their reply, or the deadline, moves it on. */
    AWAITING_CUSTOMER,
    /** The customer said the payment was not theirs: the card is blocked. */
    CONFIRMED_FRAUD,
    /** The customer said the payment was theirs: nothing is done. */
    NOT_FRAUD,
    /** People take it up: the reply was unclear, or none came before the deadline. */
    ESCALATED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static AlertStatus of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown fraud alert status '" + wireName + "'"));
    }

    /** The customer's answer (or the deadline) has decided it. */
    public boolean decided() {
        return this == CONFIRMED_FRAUD || this == NOT_FRAUD || this == ESCALATED;
    }
}
