package io.agenthub.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * A run as the API shows it: {@code status} is {@code running}, {@code completed} or {@code failed}; {@code total}
 * is how many records it found, once it knows; {@code failure} names the kind of error that stopped it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobRunView(String runId, String job, String tenant, String cycle, boolean dryRun, String startedBy,
                         String status, Instant startedAt, Instant finishedAt, Integer total, JobCounts counts,
                         String failure) {
}
