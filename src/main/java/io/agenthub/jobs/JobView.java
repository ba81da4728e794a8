package io.agenthub.jobs;

import java.util.List;

/**
 * A job as {@code GET /api/v1/jobs} lists it.
 *
 * @param cycle     the period in which each record is done at most once: {@code day}, {@code week} or {@code month}
 * @param schedules when it runs on its own, per tenant (Quartz cron expressions)
 * @param lastRuns  its latest run for each of the caller's tenants that has one
 */
public record JobView(String name, String cycle, List<Schedule> schedules, List<JobRunView> lastRuns) {

    public record Schedule(String tenant, String cron) {
    }
}
