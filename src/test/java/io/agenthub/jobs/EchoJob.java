package io.agenthub.jobs;

import io.agenthub.api.FlowResult;
import io.agenthub.api.HubRequest;
import io.agenthub.api.Outcome;
import io.agenthub.api.ReplyKey;
import io.agenthub.api.ReplyText;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The test job of src/test/resources/jobs-test/echo-job.camel.yaml. */
public final class EchoJob {

    /** Closed: each record's flow waits until it opens (or 30 s pass). */
    public static final AtomicReference<CountDownLatch> HOLD = new AtomicReference<>(new CountDownLatch(0));
    /** How many times a flow ran, over all runs. */
    public static final AtomicInteger FLOWS_RUN = new AtomicInteger();

    private EchoJob() {
    }

    public static List<JobRecord> records(JobRun run) {
        return List.of(1, 2, 3).stream()
                .map(n -> new JobRecord("echo:" + run.tenant() + ":" + run.cycle() + ":" + n, "C-900" + n,
                        "Echo record " + n, "echo-flow", Map.of("n", n)))
                .toList();
    }

    public static FlowResult answer(HubRequest request) throws InterruptedException {
        HOLD.get().await(30, TimeUnit.SECONDS);
        FLOWS_RUN.incrementAndGet();
        if (request.text().endsWith("3")) {
            throw new IllegalStateException("record 3 always fails");
        }
        return FlowResult.saying(Outcome.COMPLETED, ReplyText.of(ReplyKey.REFERRAL_NO_FLOW));
    }
}
