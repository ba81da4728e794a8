package io.agenthub.api;

import java.util.List;

/**
 * What a specialist flow hands back to the front door: the outcome, a message for the customer, and its actions.
 *
 * @param reviewReason why people must look at it, for a referral; the front door makes sure a referral has its
 *                     review item, so a customer told "staff will contact you" is never told so for nothing
 */
public record FlowResult(Outcome outcome, String message, List<ActionTaken> actions, String reviewReason) {

    public FlowResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public FlowResult(Outcome outcome, String message, List<ActionTaken> actions) {
        this(outcome, message, actions, null);
    }

    public static FlowResult of(Outcome outcome, String message) {
        return new FlowResult(outcome, message, List.of());
    }

    /** A request handed to people, with the reason the review queue shows them. */
    public static FlowResult referred(String message, String reviewReason) {
        return new FlowResult(Outcome.REFERRED, message, List.of(), reviewReason);
    }

    public boolean isReferred() {
        return outcome == Outcome.REFERRED;
    }
}
