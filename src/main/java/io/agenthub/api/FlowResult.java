package io.agenthub.api;

import java.util.List;

/**
 * What a specialist flow hands back to the front door: the outcome, a message for the customer, and its actions.
 * A flow names its message ({@code text}: a template key and values); the route words it in the tenant's language
 * (routes/messages/, {@code customerMessages.word}) before the answer is stored, which fills in {@code message}.
 *
 * @param reviewReason why people must look at it, for a referral; the front door makes sure a referral has its
 *                     review item, so a customer told "staff will contact you" is never told so for nothing
 */
public record FlowResult(Outcome outcome, String message, List<ActionTaken> actions, String reviewReason, ReplyText text) {

    public FlowResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** An answer to be worded by the templates. */
    public static FlowResult saying(Outcome outcome, ReplyText text, List<ActionTaken> actions) {
        return new FlowResult(outcome, null, actions, null, text);
    }

    public static FlowResult saying(Outcome outcome, ReplyText text) {
        return saying(outcome, text, List.of());
    }

    /** A request handed to people, with the reason the review queue shows them. */
    public static FlowResult referred(ReplyText text, List<ActionTaken> actions, String reviewReason) {
        return new FlowResult(Outcome.REFERRED, null, actions, reviewReason, text);
    }

    public static FlowResult referred(ReplyText text, String reviewReason) {
        return referred(text, List.of(), reviewReason);
    }

    /** This answer in the customer's words, from the template files of {@code version}. */
    public FlowResult worded(String words, String version) {
        return new FlowResult(outcome, words, actions, reviewReason, text.worded(version));
    }

    public boolean isReferred() {
        return outcome == Outcome.REFERRED;
    }
}
