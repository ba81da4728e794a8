package io.agenthub.flows;

import java.util.List;

/** What a specialist flow hands back to the front door: the outcome, a message for the customer, and its actions. */
public record FlowResult(Outcome outcome, String message, List<ActionTaken> actions) {

    public FlowResult {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static FlowResult of(Outcome outcome, String message) {
        return new FlowResult(outcome, message, List.of());
    }
}
