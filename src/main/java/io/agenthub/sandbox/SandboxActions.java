package io.agenthub.sandbox;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The sandbox's own record of the writes it applied, in the order it applied them: the ground truth a
 * crash test compares the hub's answers with (a card blocked twice is a repeated action, whatever the
 * hub believes). Replayed writes (same Idempotency-Key, same request) are not actions and are not
 * recorded; failed ones (4xx) changed nothing and are not recorded either. With a state directory the
 * record survives a restart of the sandbox, as its journal does ({@link SandboxJournal}).
 */
public final class SandboxActions {

    /** Bounded so a long-running demo cannot grow without limit; the oldest actions go first. */
    static final int MAX_ACTIONS = 100_000;

    /**
     * One applied write.
     *
     * @param sequence       1 for the first action (since start, or since the journal began), never reused
     * @param operation      e.g. {@code block-card}, {@code submit-payment}, {@code raise-chargeback},
     *                       {@code change-contact-details}, {@code close-account}, {@code file-claim}
     * @param targetId       what the write acted on: the card id, the debited account, the disputed
     *                       transaction, the customer, the closed account, the policy
     * @param idempotencyKey the key the client sent with the write
     * @param at             when the sandbox applied it
     */
    public record Action(long sequence, String operation, String targetId, String idempotencyKey, Instant at) {
    }

    private final Deque<Action> actions = new ArrayDeque<>();
    private long lastSequence;

    SandboxActions() {
    }

    synchronized Action record(String operation, String targetId, String idempotencyKey, Instant at) {
        return keep(new Action(lastSequence + 1, operation, targetId, idempotencyKey, Objects.requireNonNull(at, "at")));
    }

    /** An action read back from the journal, under the sequence it had when it was applied. */
    synchronized Action restore(Action action) {
        if (action.sequence() <= lastSequence) {
            throw new IllegalStateException("Journaled action " + action.sequence() + " is out of order after " + lastSequence);
        }
        return keep(action);
    }

    private Action keep(Action action) {
        lastSequence = action.sequence();
        actions.addLast(action);
        if (actions.size() > MAX_ACTIONS) {
            actions.removeFirst();
        }
        return action;
    }

    /** Every kept action with a sequence above {@code afterSequence}, oldest first; 0 gives all. */
    public synchronized List<Action> after(long afterSequence) {
        return actions.stream().filter(a -> a.sequence() > afterSequence).toList();
    }
}
