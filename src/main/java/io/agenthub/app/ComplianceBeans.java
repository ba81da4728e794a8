package io.agenthub.app;

import io.agenthub.compliance.DecisionContests;
import io.agenthub.compliance.DecisionExplainer;
import io.agenthub.compliance.RetentionJob;
import io.agenthub.compliance.RetentionPolicy;
import io.agenthub.compliance.SubjectRequests;
import io.agenthub.compliance.SubjectRights;
import io.agenthub.compliance.ValueReveal;

import java.io.InputStream;

/**
 * Data-subject rights and automated decisions: {@code decisionExplainer} ({@link DecisionExplainer}),
 * {@code decisionContests} ({@link DecisionContests}), {@code subjectRequests} ({@link SubjectRequests}, export and
 * erasure), {@code retentionJob} ({@link RetentionJob}, the periods of {@code compliance/retention.yaml}) and
 * {@code valueReveal} ({@link ValueReveal}, a token's original value for the people deciding, audited).
 */
final class ComplianceBeans {

    private ComplianceBeans() {
    }

    static void bind(Wiring hub, StoreBeans.Store store, PrivacyBeans.Privacy privacy) throws Exception {
        var dataSource = store.database().dataSource();
        hub.bind("decisionExplainer", new DecisionExplainer(store.ledger().records(), hub.json()));
        try (InputStream in = hub.open("compliance/retention.yaml")) {
            hub.bind("retentionJob", new RetentionJob(dataSource, RetentionPolicy.read(in), privacy.vault(), store.ledger(),
                    hub.clock()));
        }
        hub.bind("subjectRequests", new SubjectRequests(new SubjectRights(dataSource, store.ledger(), privacy.vault(), hub.json(),
                hub.clock()), hub.json()));
        hub.bind("decisionContests", new DecisionContests(dataSource, store.ledger(), store.reviews(), privacy.pseudonymiser(),
                hub.json()));
        hub.bind("valueReveal", new ValueReveal(dataSource, store.ledger(), privacy.vault(), hub.json()));
    }
}
