package io.agenthub.intent;

import io.agenthub.api.HubRequest;
import io.agenthub.capability.CapabilityCascade;
import io.agenthub.capability.CascadeAnswer;
import io.agenthub.jobs.JobRecords;
import io.agenthub.store.Decisions;

import java.util.function.Function;

/**
 * The intent a request acts on and the flow that serves it. A request re-run (after a crash, or by a reviewer's
 * resolution) keeps the intent decided for it, without being classified again; so does a job's record, whose "intent"
 * is the flow its job chose ({@link JobRecords}), which no classifier would give.
 */
public final class FrontDoorIntents {

    private final Decisions decisions;
    private final Function<String, CapabilityCascade> cascadeOfTenant;
    private final FlowDirectory flows;

    /** @param cascadeOfTenant the front-door classifier a tenant's requests go to */
    public FrontDoorIntents(Decisions decisions, Function<String, CapabilityCascade> cascadeOfTenant, FlowDirectory flows) {
        this.decisions = decisions;
        this.cascadeOfTenant = cascadeOfTenant;
        this.flows = flows;
    }

    public CascadeAnswer classify(String requestId, HubRequest request) {
        return decisions.earlier(requestId, "intent", CascadeAnswer.class)
                .orElseGet(() -> cascadeOfTenant.apply(request.tenant()).classify(request.text()));
    }

    public String flowFor(CascadeAnswer intent) {
        return JobRecords.TIER.equals(intent.tier()) ? intent.label() : flows.flowFor(intent);
    }
}
