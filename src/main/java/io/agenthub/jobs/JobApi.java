package io.agenthub.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.Caller;
import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;

import java.util.Map;
import java.util.Set;

/**
 * The jobs API's requests, for an operator (routes/jobs.camel.yaml): a run is started for one of the operator's
 * tenants, and only their tenants' runs are shown.
 */
public final class JobApi {

    private final Jobs jobs;
    private final ObjectMapper json;

    public JobApi(Jobs jobs, ObjectMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /** Starts a run from a {@code POST /api/v1/jobs/{name}/runs} body; the route then runs it in the background. */
    public JobRun start(String job, byte[] body, Caller caller) {
        JobRunRequest request = JobRunRequest.read(body, json);
        return jobs.start(job, tenant(request.tenant(), caller.allTenants()), request.dryRun(), caller.id());
    }

    /** The {@code 202} answer: where to follow the run. */
    public Map<String, Object> accepted(JobRun run) {
        return Map.of("runId", run.runId(), "job", run.job(), "tenant", run.tenant(), "cycle", run.cycle(),
                "dryRun", run.dryRun(), "status", Jobs.RUNNING);
    }

    private static String tenant(String named, Set<String> tenants) {
        if (named == null) {
            if (tenants.size() != 1) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "Name the tenant to run the job for: \"tenant\""
                        + " is one of " + String.join(", ", tenants) + ".");
            }
            return tenants.iterator().next();
        }
        if (!tenants.contains(named)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "You are not an operator of tenant '" + named + "'.");
        }
        return named;
    }
}
