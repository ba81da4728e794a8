package io.agenthub.app;

import io.agenthub.jobs.JobApi;
import io.agenthub.jobs.JobCatalogue;
import io.agenthub.jobs.JobRecords;
import io.agenthub.jobs.Jobs;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.Ledger;

import javax.sql.DataSource;

/**
 * Back-office jobs (routes/jobs.camel.yaml, docs/jobs.md): {@code jobs} ({@link Jobs}, their runs and counts),
 * {@code jobRecords} ({@link JobRecords}, each record as a hub request) and {@code jobApi} ({@link JobApi}).
 */
final class JobBeans {

    private JobBeans() {
    }

    static void bind(Wiring hub, Ledger ledger) {
        DataSource dataSource = hub.context().getRegistry().lookupByNameAndType("hubDataSource", DataSource.class);
        Jobs jobs = new Jobs(dataSource, hub.clock(), ledger.steps(), new JobCatalogue(hub.context(), hub.settings()),
                tenant -> hub.tenants().find(tenant).isPresent(), hub.meters(),
                hub.settings().atLeast("hub.jobs.progress-every", 50, 1));
        hub.bind("jobs", jobs);
        hub.bind("jobApi", new JobApi(jobs, hub.json()));
        hub.bind("jobRecords", new JobRecords(hub.context().getRegistry().lookupByNameAndType("pseudonymiser",
                Pseudonymiser.class), ledger.requests(), ledger.decisions()));
    }
}
