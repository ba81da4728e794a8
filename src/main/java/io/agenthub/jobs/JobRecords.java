package io.agenthub.jobs;

import io.agenthub.api.ActionTaken;
import io.agenthub.api.HubReply;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.pii.RedactedRequest;
import io.agenthub.store.Admission;
import io.agenthub.store.Decisions;
import io.agenthub.store.RequestLedger;

import java.util.List;

/**
 * A job's records as hub requests: each admitted under its key (unique in the job's cycle), so the request ledger
 * keeps it done once across reruns and crashes, gives it an audit trail, and lets its flow propose actions to the gate
 * as any request's does. Routes reach it through {@code direct:job-record} (routes/jobs.camel.yaml).
 */
public final class JobRecords {

    /** The channel a job's requests are recorded under. */
    public static final String CHANNEL = "job";
    /** The tier a job's "intent" is recorded with: the job chose the flow, no model did. */
    public static final String TIER = "job";

    private final Pseudonymiser pseudonymiser;
    private final RequestLedger ledger;
    private final Decisions decisions;

    public JobRecords(Pseudonymiser pseudonymiser, RequestLedger ledger, Decisions decisions) {
        this.pseudonymiser = pseudonymiser;
        this.ledger = ledger;
        this.decisions = decisions;
    }

    /** Whether a record was admitted now (and is to be run), or was done, or is being done, earlier in its cycle. */
    public record JobAdmission(String requestId, HubRequest request, RedactedRequest redacted, boolean admitted) {
    }

    /**
     * Admits the record as a request of the run's tenant, its text pseudonymised before it is stored. The caller the
     * key is scoped by is the job, so two jobs' keys never meet.
     */
    public JobAdmission admit(JobRun run, JobRecord record) {
        if (record.key() == null || record.key().isBlank() || record.key().length() > 200) {
            throw new IllegalArgumentException("a job record's key is 1-200 characters");
        }
        HubRequest request = new HubRequest(run.tenant(), CHANNEL, record.subjectId(), record.text(), record.key(),
                run.runId());
        RedactedRequest redacted = pseudonymiser.redact(request);
        Admission admission;
        try {
            // No fingerprint: a record's text may say something different on a rerun (a balance moved), and is still
            // the same record of the cycle.
            admission = ledger.admit(redacted, null, "job:" + run.job());
        } catch (ProblemException inProgress) {
            if (inProgress.problem().type().equals(ProblemType.REQUEST_IN_PROGRESS.uri())) {
                // Admitted by an earlier run a crash interrupted: request recovery finishes it.
                return new JobAdmission(inProgress.problem().requestId(), redacted.request(), redacted, false);
            }
            throw inProgress;
        }
        return new JobAdmission(admission.requestId(), redacted.request(), redacted, !admission.isReplay());
    }

    /**
     * The "intent" a record's request is recorded with: the flow the job chose, by no model; a decision of the request,
     * so a re-run after a crash (through process-request) keeps it and reaches the same flow.
     */
    public CascadeAnswer intent(String requestId, JobRun run, JobRecord record) {
        return decisions.decided(requestId, "intent",
                new CascadeAnswer("job:" + run.job(), record.flow(), 1.0, TIER, null, false, List.of()));
    }

    /** What the request's answer means for the run's counts. */
    public JobOutcome outcomeOf(HubReply reply) {
        Outcome outcome = reply.outcome();
        if (outcome == Outcome.PENDING_APPROVAL) {
            return JobOutcome.PENDING_APPROVAL;
        }
        if (outcome == Outcome.FAILED) {
            return JobOutcome.FAILED;
        }
        boolean contacted = reply.actions() != null && reply.actions().stream()
                .anyMatch(action -> "send-outreach".equals(action.type()) && isDone(action));
        return contacted ? JobOutcome.CONTACTED : JobOutcome.PROCESSED;
    }

    /** Statuses of an action not (yet) carried out: waiting for people, for a back-end's answer, or refused. */
    private static final java.util.Set<String> NOT_DONE = java.util.Set.of("PENDING_APPROVAL", "PENDING_REVIEW",
            "UNCONFIRMED", "FAILED", "DENIED", "EXPIRED", "CANCELLED");

    private static boolean isDone(ActionTaken action) {
        return action.status() != null && !NOT_DONE.contains(action.status().toUpperCase(java.util.Locale.ROOT));
    }
}
