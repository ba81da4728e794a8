package io.agenthub.actions;

/**
 * The independent second check of a {@code verify} rule: rules (or a model) that did not make the first decision
 * look at the proposal again. When it does not agree, the action waits for a person instead.
 */
public interface ActionCheck {

    CheckVerdict check(ProposedAction action);

    /** Whether the check agrees, and why (for the people who decide when it does not, and the audit trail). */
    record CheckVerdict(boolean agrees, String reason) {

        public static CheckVerdict agree(String reason) {
            return new CheckVerdict(true, reason);
        }

        public static CheckVerdict disagree(String reason) {
            return new CheckVerdict(false, reason);
        }
    }
}
