package io.agenthub.jobs;

import io.agenthub.api.Problem;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;
import io.agenthub.store.RequestIds;
import io.agenthub.store.StepOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * The runs of the hub's back-office jobs: started (by a schedule, an operator over the API, or {@code agent-hub jobs
 * run}), counted record by record, finished or failed, each start and end in the audit trail. A run of a job and
 * tenant is refused while another is running. Runs a crash left running are resumed once at start, under the same
 * id and cycle: their records already done are replays of their requests, and are not counted twice.
 */
public final class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** The states of a run, as the API shows them. */
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final StepOutbox audit;
    private final JobCatalogue catalogue;
    private final Predicate<String> knownTenant;
    private final JobProgress progress;
    private final AtomicBoolean resumed = new AtomicBoolean();
    /** Runs this process is working on: another start of the same job and tenant waits for them to end. */
    private final Map<String, String> running = new ConcurrentHashMap<>();

    public Jobs(DataSource dataSource, Clock clock, StepOutbox audit, JobCatalogue catalogue,
                Predicate<String> knownTenant, MeterRegistry meters, int progressEvery) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = clock;
        this.audit = audit;
        this.catalogue = catalogue;
        this.knownTenant = knownTenant;
        this.progress = new JobProgress(meters, clock, progressEvery);
    }

    /**
     * Starts a run: written as {@code running} (and audited) before any record is touched.
     *
     * @throws ProblemException 404 for a job the hub does not have, 422 for an unknown tenant, 409 while a run of
     *                          the same job and tenant is running
     */
    public JobRun start(String job, String tenant, boolean dryRun, String startedBy) {
        if (!catalogue.has(job)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No job is named '" + job + "'; the jobs are "
                    + String.join(", ", catalogue.names()) + ".");
        }
        if (!knownTenant.test(tenant)) {
            throw new ProblemException(ProblemType.UNKNOWN_TENANT, "No tenant is named '" + tenant + "'.");
        }
        String scope = job + "/" + tenant;
        String runId = RequestIds.next(clock);
        if (running.putIfAbsent(scope, runId) != null || runningRun(job, tenant).isPresent()) {
            running.remove(scope, runId);
            String other = runningRun(job, tenant).map(JobRun::runId).orElse(running.get(scope));
            throw new ProblemException(Problem.of(ProblemType.JOB_ALREADY_RUNNING, "Run " + other + " of " + job
                    + " for " + tenant + " is still running; follow it at /api/v1/jobs/" + job + "/runs/" + other + "."));
        }
        Instant now = clock.instant();
        JobRun run = new JobRun(runId, job, tenant, catalogue.cycle(job, now), dryRun, startedBy);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.update("INSERT INTO hub_job_run (run_id, job, tenant, cycle, dry_run, started_by, status, started_at)"
                        + " VALUES (?,?,?,?,?,?,?,?)", runId, job, tenant, run.cycle(), dryRun, startedBy, RUNNING,
                        Timestamp.from(now));
                audit.event("job-run-started", runDetail(run));
            });
        } catch (RuntimeException notStarted) {
            running.remove(scope, runId);
            throw notStarted;
        }
        progress.begin(run, JobCounts.NONE);
        LOG.info("Job {} run {} started for {} (cycle {}{}) by {}", job, runId, tenant, run.cycle(),
                dryRun ? ", dry run" : "", startedBy);
        return run;
    }

    /**
     * A scheduled start: null (and a log line) when a run of the job and tenant is still running, since the schedule
     * firing again while a long run works is no one's mistake.
     */
    public JobRun startScheduled(String job, String tenant) {
        try {
            return start(job, tenant, false, "schedule");
        } catch (ProblemException busy) {
            if (!busy.problem().type().equals(ProblemType.JOB_ALREADY_RUNNING.uri())) {
                throw busy;
            }
            LOG.info("Job {} for {}: not started by its schedule, a run is still running", job, tenant);
            return null;
        }
    }

    /** How many records the run found to work through, for its progress and the time it has left. */
    public void total(String runId, int total) {
        jdbc.update("UPDATE hub_job_run SET total = ? WHERE run_id = ?", total, runId);
        progress.total(runId, total);
    }

    /**
     * One record's outcome; counted once per record and run (a resumed run that meets a record again does not count
     * it again).
     */
    public void record(String runId, String recordKey, JobOutcome outcome, String requestId) {
        try {
            jdbc.update("INSERT INTO hub_job_record (run_id, record_key, outcome, request_id, recorded_at)"
                    + " VALUES (?,?,?,?,?)", runId, recordKey, outcome.name(), requestId, Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException counted) {
            return;
        }
        progress.counted(runId, outcome);
    }

    public void record(String runId, String recordKey, JobOutcome outcome) {
        record(runId, recordKey, outcome, null);
    }

    /** The run went through all its records. Only a running run ends, so a second call changes nothing. */
    public void finished(String runId) {
        end(runId, COMPLETED, null);
    }

    /** The run stopped on an error; its records done so far stay done. Recorded by kind, never by message. */
    public void failed(String runId, Exception cause) {
        LOG.warn("Job run {} failed: {}", runId, cause.getClass().getName());
        end(runId, FAILED, cause.getClass().getSimpleName());
    }

    private void end(String runId, String status, String failure) {
        Optional<JobRun> run = find(runId);
        if (run.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(tx -> {
            int ended = jdbc.update("UPDATE hub_job_run SET status = ?, finished_at = ?, failure = ? WHERE run_id = ?"
                    + " AND status = ?", status, Timestamp.from(clock.instant()), failure, runId, RUNNING);
            if (ended == 1) {
                Map<String, Object> detail = runDetail(run.get());
                detail.put("status", status);
                detail.put("counts", counts(runId));
                if (failure != null) {
                    detail.put("failure", failure);
                }
                audit.event("job-run-ended", detail);
            }
        });
        running.remove(run.get().job() + "/" + run.get().tenant(), runId);
        progress.end(runId, status, counts(runId));
    }

    /**
     * The runs a crash (or a stop) left running, the first time it is asked in this process, and none after: each is
     * resumed once. Called after request recovery's first pass, so a record a crash interrupted is finished by
     * recovery before its run meets it again.
     */
    public List<JobRun> interruptedOnce() {
        if (!resumed.compareAndSet(false, true)) {
            return List.of();
        }
        List<JobRun> runs = jdbc.query("SELECT * FROM hub_job_run WHERE status = ? ORDER BY started_at", this::run, RUNNING);
        for (JobRun run : runs) {
            running.put(run.job() + "/" + run.tenant(), run.runId());
            progress.begin(run, counts(run.runId()));
            LOG.info("Job {} run {} for {} (cycle {}) was interrupted; resuming it", run.job(), run.runId(), run.tenant(),
                    run.cycle());
        }
        return runs;
    }

    public Optional<JobRun> find(String runId) {
        return jdbc.query("SELECT * FROM hub_job_run WHERE run_id = ?", this::run, runId).stream().findFirst();
    }

    /** A run as the API shows it, when it is of this job and one of these tenants (404 otherwise, as for none). */
    public JobRunView view(String job, String runId, Collection<String> tenants) {
        return jdbc.query("SELECT * FROM hub_job_run WHERE run_id = ? AND job = ?", this::view, runId, job).stream()
                .filter(view -> tenants.contains(view.tenant()))
                .findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No run " + runId + " of job " + job + "."));
    }

    /** Each job: its name, its schedule for each of these tenants, and its last run for each. */
    public List<JobView> list(Collection<String> tenants) {
        List<JobView> jobs = new ArrayList<>();
        for (String name : catalogue.names()) {
            List<JobView.Schedule> schedules = catalogue.schedules(name).stream()
                    .filter(schedule -> tenants.contains(schedule.tenant()))
                    .toList();
            List<JobRunView> lastRuns = new ArrayList<>();
            for (String tenant : tenants.stream().sorted().toList()) {
                jdbc.query("SELECT * FROM hub_job_run WHERE job = ? AND tenant = ? ORDER BY started_at DESC, run_id DESC"
                        + " FETCH FIRST 1 ROWS ONLY", this::view, name, tenant).forEach(lastRuns::add);
            }
            jobs.add(new JobView(name, catalogue.cycleOf(name), schedules, lastRuns));
        }
        return jobs;
    }

    public JobCounts counts(String runId) {
        JobCounts counts = JobCounts.NONE;
        for (Map<String, Object> row : jdbc.queryForList("SELECT outcome, COUNT(*) AS n FROM hub_job_record WHERE run_id = ?"
                + " GROUP BY outcome", runId)) {
            JobOutcome outcome = JobOutcome.valueOf((String) row.get("outcome"));
            long n = ((Number) row.get("n")).longValue();
            for (long i = 0; i < n; i++) {
                counts = counts.plus(outcome);
            }
        }
        return counts;
    }

    private Optional<JobRun> runningRun(String job, String tenant) {
        return jdbc.query("SELECT * FROM hub_job_run WHERE job = ? AND tenant = ? AND status = ?", this::run, job, tenant,
                RUNNING).stream().findFirst();
    }

    private JobRun run(ResultSet rs, int row) throws SQLException {
        return new JobRun(rs.getString("run_id"), rs.getString("job"), rs.getString("tenant"), rs.getString("cycle"),
                rs.getBoolean("dry_run"), rs.getString("started_by"));
    }

    private JobRunView view(ResultSet rs, int row) throws SQLException {
        String runId = rs.getString("run_id");
        Timestamp finished = rs.getTimestamp("finished_at");
        Object total = rs.getObject("total");
        return new JobRunView(runId, rs.getString("job"), rs.getString("tenant"), rs.getString("cycle"),
                rs.getBoolean("dry_run"), rs.getString("started_by"), rs.getString("status"),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                total == null ? null : ((Number) total).intValue(), counts(runId), rs.getString("failure"));
    }

    private static Map<String, Object> runDetail(JobRun run) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("runId", run.runId());
        detail.put("job", run.job());
        detail.put("tenant", run.tenant());
        detail.put("cycle", run.cycle());
        detail.put("dryRun", run.dryRun());
        detail.put("startedBy", run.startedBy());
        return detail;
    }
}
