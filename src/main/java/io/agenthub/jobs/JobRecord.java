package io.agenthub.jobs;

import java.util.Map;

/**
 * One record a job hands to a flow, as one hub request of the run's tenant.
 *
 * @param key       unique within the job's cycle (e.g. {@code collections:demo-bank:2026-12-06:L-2001}): the
 *                  request's idempotency key, so a record admitted once is never done again in that cycle
 * @param subjectId the customer or policy holder it concerns
 * @param text      what it is about, stored pseudonymised as a request's text is
 * @param flow      the flow route that handles it ({@code direct:<flow>})
 * @param fields    the typed data the flow works from (an account's row, a notice's fields); only on the first run
 *                  of the request, so a flow re-run after a crash reads what it needs again
 */
public record JobRecord(String key, String subjectId, String text, String flow, Map<String, Object> fields) {

    public JobRecord {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
