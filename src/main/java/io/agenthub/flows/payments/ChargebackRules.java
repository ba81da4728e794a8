package io.agenthub.flows.payments;

import io.agenthub.actions.ActionCheck;
import io.agenthub.actions.ProposedAction;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The independent second check of a chargeback ({@code verify} in compliance/actions.yaml): rules that did not choose
 * the payment look at the proposal again. They agree only when it disputes a booked debit, for the amount booked,
 * inside the dispute window, and the customer named at least its amount or its payee, so the match is not the
 * extraction's guess alone. Otherwise a person approves it.
 */
public final class ChargebackRules implements ActionCheck {

    private final Clock clock;
    private final int windowDays;

    /** @param windowDays how long after booking a card payment can be disputed (card schemes allow about 120 days) */
    public ChargebackRules(Clock clock, int windowDays) {
        this.clock = clock;
        this.windowDays = windowDays;
    }

    @Override
    public CheckVerdict check(ProposedAction action) {
        if (!"raise-chargeback".equals(action.type())) {
            return CheckVerdict.disagree("this check is for raise-chargeback, not " + action.type());
        }
        if (action.amount() == null || action.amount().signum() <= 0 || action.currency() == null) {
            return CheckVerdict.disagree("no amount to dispute");
        }
        BigDecimal booked;
        try {
            booked = new BigDecimal(String.valueOf(action.evidence().get("bookedAmount")));
        } catch (NumberFormatException e) {
            return CheckVerdict.disagree("the booked amount is not known");
        }
        if (booked.signum() >= 0) {
            return CheckVerdict.disagree("the transaction is not a debit");
        }
        if (booked.abs().compareTo(action.amount()) != 0) {
            return CheckVerdict.disagree("the amount disputed is not the amount booked");
        }
        LocalDate bookedOn;
        try {
            bookedOn = LocalDate.parse(action.text("bookedOn"));
        } catch (DateTimeParseException | NullPointerException e) {
            return CheckVerdict.disagree("the booking date is not known");
        }
        long age = ChronoUnit.DAYS.between(bookedOn, LocalDate.now(clock));
        if (age < 0 || age > windowDays) {
            return CheckVerdict.disagree("booked " + age + " days ago, outside the " + windowDays + "-day dispute window");
        }
        if (action.risk() == ProposedAction.Risk.HIGH) {
            return CheckVerdict.disagree("the customer named neither the amount nor the payee");
        }
        return CheckVerdict.agree("a debit booked " + age + " days ago, for the amount booked, which the customer described");
    }
}
