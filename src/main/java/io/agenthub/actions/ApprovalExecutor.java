package io.agenthub.actions;

import io.agenthub.api.BackendException;
import io.agenthub.api.BackendRefusedException;
import io.agenthub.api.OutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Runs approved actions, once: right after the decision that approves one, and from the sweep for those a crash or
 * an unanswered back-end left approved but not executed. The idempotency key comes from the approval and its
 * arguments, so sending again after a restart between approval and execution cannot act twice.
 */
public final class ApprovalExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalExecutor.class);

    private final Approvals approvals;
    private final ActionGate gate;

    public ApprovalExecutor(Approvals approvals, ActionGate gate) {
        this.approvals = approvals;
        this.gate = gate;
    }

    /** Executes the approval if it is cleared and no thread of this hub runs it already; answers it as it is then. */
    public Approval run(String approvalId) {
        approvals.claim(approvalId).ifPresent(this::execute);
        return approvals.load(approvalId).orElseThrow();
    }

    /** Runs an approval just decided: executed when it is cleared, as it was decided otherwise. */
    public Approval decided(Approval approval) {
        return approval.state().cleared() ? run(approval.approvalId()) : approval;
    }

    /** The approved actions waiting to run (after a crash, or while a back-end did not answer). */
    public List<String> due() {
        return approvals.cleared();
    }

    private void execute(ActionOrder order) {
        try {
            approvals.executed(order, gate.execute(order));
        } catch (RuntimeException e) {
            // Camel wraps what the execution route threw, so the back-end's failure is looked for along the causes.
            BackendException backend = cause(e, BackendException.class);
            if (cause(e, OutcomeUnknownException.class) != null
                    || (backend != null && !(backend instanceof BackendRefusedException))) {
                // Not refused: unknown whether it took effect, or the back-end is unavailable. Sent again, same key.
                LOG.warn("Approval {}: {} not confirmed ({}); it is sent again later under the same key",
                        order.approvalId(), order.action().type(), e.getMessage());
                approvals.unconfirmed(order);
            } else {
                LOG.warn("Approval {}: {} failed: {}", order.approvalId(), order.action().type(), e.getMessage());
                approvals.failed(order, e);
            }
        }
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
