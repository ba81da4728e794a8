package io.agenthub.store;

import io.agenthub.api.PolicyVerdict;

import java.util.List;

/**
 * The steps of each request, which the audit trail is built from, as a transactional outbox: a step is held
 * in memory while its request is in flight and written in the transaction that next makes the request durable
 * (before an action on a back-end, or with its answer), so the trail never says more or less than the state it
 * describes. This is stronger than an asynchronous wire-tap, which could lose a step the state kept, or keep one
 * the state lost. A step of no request in flight here (an erasure, a retention run, an access) is written at once.
 */
public final class StepOutbox {

    private final LedgerTables tables;
    private final PendingSteps pending = new PendingSteps();

    StepOutbox(LedgerTables tables) {
        this.tables = tables;
    }

    /** Appends one step to a request's history. */
    public void step(String requestId, String step, Object detail) {
        if (pending.inFlight(requestId)) {
            pending.add(requestId, new PendingSteps.Step(step, tables.now(), tables.write(detail)));
        } else {
            tables.insertStep(requestId, step, detail);
        }
    }

    /** Records what a flow's rules decided, and why. */
    public void verdict(String requestId, PolicyVerdict verdict) {
        step(requestId, "policy", verdict);
    }

    /**
     * Makes the request durable before it acts on a back-end: every step and decision so far, and this step
     * (which action, under which idempotency key), in one committed transaction. After a crash the request is
     * re-run with the same decisions, so the back-end sees the same action under the same key.
     */
    public void beforeAction(String requestId, String step, Object detail) {
        flush(requestId, () -> tables.insertStep(requestId, step, detail));
    }

    /**
     * A write that belongs with the request's next durable moment (an approval its flow proposed, with the answer
     * that says it is pending), done in that transaction; at once, in a transaction of its own, for a request not in
     * flight here.
     */
    public void withNextFlush(String requestId, Runnable write) {
        if (pending.inFlight(requestId)) {
            pending.addWrite(requestId, write);
        } else {
            tables.tx.executeWithoutResult(status -> write.run());
        }
    }

    /**
     * Records an event that belongs to no single request (a subject's erasure, a retention run) in the audit
     * trail; call it inside the transaction that makes the change it records.
     */
    public void event(String step, Object detail) {
        tables.insertStep(null, step, detail);
    }

    /** Records several events of one kind that belong to no single request, in one transaction. */
    public void events(String step, List<?> details) {
        if (!details.isEmpty()) {
            tables.tx.executeWithoutResult(status -> details.forEach(detail -> tables.insertStep(null, step, detail)));
        }
    }

    void begin(String requestId) {
        pending.begin(requestId);
    }

    boolean inFlight(String requestId) {
        return pending.inFlight(requestId);
    }

    void classified(String requestId, PendingSteps.Classification classification) {
        pending.classified(requestId, classification);
    }

    PendingSteps.Classification classification(String requestId) {
        return pending.classification(requestId);
    }

    /** The request is answered, or handed over to recovery: its steps are written, or lost as a crash would lose them. */
    void finish(String requestId) {
        pending.finish(requestId);
    }

    /**
     * Writes the request's pending steps and then {@code more}, in one committed transaction. When that fails the
     * request is as a crash would leave it: what is durable stays, the rest is gone, and it is no longer counted
     * in flight here, so recovery takes it up again.
     */
    void flush(String requestId, Runnable more) {
        List<PendingSteps.Step> steps = pending.drainSteps(requestId);
        List<Runnable> writes = pending.drainWrites(requestId);
        try {
            tables.tx.executeWithoutResult(s -> {
                for (PendingSteps.Step step : steps) {
                    tables.jdbc.update("INSERT INTO hub_request_step (request_id, step, recorded_at, detail_json)"
                            + " VALUES (?,?,?,?)", requestId, step.step(), step.recordedAt(), step.detailJson());
                }
                writes.forEach(Runnable::run);
                more.run();
            });
        } catch (RuntimeException e) {
            pending.finish(requestId);
            throw e;
        }
    }
}
