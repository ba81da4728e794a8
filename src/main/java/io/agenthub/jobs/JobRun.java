package io.agenthub.jobs;

/**
 * One run of a back-office job for one tenant, in one cycle: the period in which each record (an account to contact,
 * a claim notice) is done at most once, whatever the number of runs, reruns and crashes.
 *
 * @param dryRun    the run works out what it would do, and records that, without acting or admitting any record
 * @param startedBy who started it: {@code schedule}, or the operator's id
 */
public record JobRun(String runId, String job, String tenant, String cycle, boolean dryRun, String startedBy) {
}
