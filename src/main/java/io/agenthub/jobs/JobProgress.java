package io.agenthub.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an operator watching a run sees: a log line every {@code every} records (and every ten seconds of a slow run)
 * with the count so far, the rate and the time left, and the meter {@code hub.job.records} (tags {@code job},
 * {@code tenant}, {@code outcome}) counting records as they are done.
 */
final class JobProgress {

    private static final Logger LOG = LoggerFactory.getLogger(JobProgress.class);
    private static final Duration QUIET_AT_MOST = Duration.ofSeconds(10);

    private final MeterRegistry meters;
    private final Clock clock;
    private final int every;
    private final Map<String, Tally> runs = new ConcurrentHashMap<>();

    JobProgress(MeterRegistry meters, Clock clock, int every) {
        this.meters = meters;
        this.clock = clock;
        this.every = Math.max(1, every);
    }

    void begin(JobRun run, JobCounts sofar) {
        runs.put(run.runId(), new Tally(run, clock.instant(), sofar));
    }

    void total(String runId, int total) {
        Tally tally = runs.get(runId);
        if (tally != null) {
            tally.total = total;
        }
    }

    void counted(String runId, JobOutcome outcome) {
        Tally tally = runs.get(runId);
        if (tally == null) {
            return;
        }
        Counter.builder("hub.job.records")
                .description("Records of back-office jobs, by outcome")
                .tag("job", tally.run.job())
                .tag("tenant", tally.run.tenant())
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
        boolean logNow;
        synchronized (tally) {
            tally.counts = tally.counts.plus(outcome);
            tally.sinceStart++;
            Instant now = clock.instant();
            logNow = tally.counts.processed() % every == 0 || Duration.between(tally.lastLine, now).compareTo(QUIET_AT_MOST) > 0;
            if (logNow) {
                tally.lastLine = now;
            }
        }
        if (logNow) {
            LOG.info("Job {} run {} ({}): {}", tally.run.job(), runId, tally.run.tenant(), tally.line(clock.instant()));
        }
    }

    void end(String runId, String status, JobCounts counts) {
        Tally tally = runs.remove(runId);
        String run = tally == null ? runId : runId + " (" + tally.run.tenant() + ")";
        LOG.info("Job run {} {}: {} records; contacted {}, skipped {}, failed {}, pending approval {}, proposed {}", run,
                status, counts.processed(), counts.contacted(), counts.skipped(), counts.failed(), counts.pendingApproval(),
                counts.proposed());
    }

    private static final class Tally {
        final JobRun run;
        final Instant started;
        Instant lastLine;
        JobCounts counts;
        /** Records counted by this process, which the rate is taken over (a resumed run's earlier ones are not). */
        long sinceStart;
        Integer total;

        Tally(JobRun run, Instant started, JobCounts counts) {
            this.run = run;
            this.started = started;
            this.lastLine = started;
            this.counts = counts;
        }

        synchronized String line(Instant now) {
            double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
            double rate = sinceStart / seconds;
            StringBuilder line = new StringBuilder();
            line.append(counts.processed());
            if (total != null) {
                line.append('/').append(total);
            }
            line.append(String.format(Locale.ROOT, " records, %.1f/s", rate));
            if (total != null && rate > 0) {
                long left = Math.max(0, total - counts.processed());
                line.append(String.format(Locale.ROOT, ", about %d s left", Math.round(left / rate)));
            }
            line.append(String.format(Locale.ROOT, "; contacted %d, skipped %d, failed %d, pending approval %d",
                    counts.contacted(), counts.skipped(), counts.failed(), counts.pendingApproval()));
            return line.toString();
        }
    }
}
