package io.agenthub.app;

import io.agenthub.collections.CollectionsJob;
import io.agenthub.collections.CollectionsRules;
import io.agenthub.collections.ContactStrategy;
import io.agenthub.collections.OutreachSender;
import io.agenthub.collections.OutreachTemplates;
import io.agenthub.jobs.Jobs;
import io.agenthub.store.Ledger;

import javax.sql.DataSource;
import java.io.InputStream;

/**
 * The collections job (routes/collections.camel.yaml, docs/collections.md): {@code collectionsJob} ({@link CollectionsJob},
 * with the rules of {@code compliance/collections.yaml} and the templates of
 * {@code models/outreach/<hub.collections.templates>/collections.yaml}), and {@code outreachSender}
 * ({@link OutreachSender}), which sends a cleared send-outreach on JMS hub.outreach.
 */
final class CollectionsBeans {

    private CollectionsBeans() {
    }

    static void bind(Wiring hub, Ledger ledger) throws Exception {
        CollectionsRules rules;
        try (InputStream in = hub.open("compliance/collections.yaml")) {
            rules = CollectionsRules.read(in);
        }
        String version = hub.settings().text("hub.collections.templates", "v1").strip();
        if (!version.matches("v[0-9]{1,4}")) {
            throw new IllegalArgumentException("hub.collections.templates is a version folder of models/outreach, e.g. v1");
        }
        OutreachTemplates templates;
        try (InputStream in = hub.open("models/outreach/" + version + "/collections.yaml")) {
            templates = OutreachTemplates.read(in, rules.bucketNames());
        }
        Jobs jobs = hub.context().getRegistry().lookupByNameAndType("jobs", Jobs.class);
        hub.bind("collectionsJob", new CollectionsJob(new ContactStrategy(rules), templates, jobs, ledger.steps(), hub.clock()));
        hub.bind("outreachSender", new OutreachSender(hub.context().getRegistry().lookupByNameAndType("hubDataSource",
                DataSource.class), ledger.publications(), ledger.steps(), hub.clock()));
    }
}
