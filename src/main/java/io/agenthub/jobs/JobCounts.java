package io.agenthub.jobs;

/**
 * A run's counts as the API shows them. {@code processed} is every record the run worked through, whatever became
 * of it; the others count by outcome ({@code contacted}, {@code skipped}, {@code failed}, {@code pendingApproval},
 * and {@code proposed} for a dry run).
 */
public record JobCounts(long processed, long contacted, long skipped, long failed, long pendingApproval, long proposed) {

    public static final JobCounts NONE = new JobCounts(0, 0, 0, 0, 0, 0);

    public JobCounts plus(JobOutcome outcome) {
        return new JobCounts(processed + 1,
                contacted + (outcome == JobOutcome.CONTACTED ? 1 : 0),
                skipped + (outcome == JobOutcome.SKIPPED ? 1 : 0),
                failed + (outcome == JobOutcome.FAILED ? 1 : 0),
                pendingApproval + (outcome == JobOutcome.PENDING_APPROVAL ? 1 : 0),
                proposed + (outcome == JobOutcome.PROPOSED ? 1 : 0));
    }
}
