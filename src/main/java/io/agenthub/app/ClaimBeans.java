package io.agenthub.app;

import io.agenthub.connectors.insurance.InsuranceOperations;
import io.agenthub.flows.claims.ClaimCoverage;
import io.agenthub.flows.claims.ClaimFiles;
import io.agenthub.flows.claims.ClaimLetters;
import io.agenthub.flows.claims.ClaimNotices;
import io.agenthub.flows.claims.ClaimPaymentRules;
import io.agenthub.flows.claims.ClaimRules;
import io.agenthub.flows.claims.ClaimsInbox;
import io.agenthub.jobs.Jobs;
import io.agenthub.store.Ledger;
import org.apache.camel.ConsumerTemplate;
import org.apache.camel.ProducerTemplate;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Claims (docs/claims.md): {@code insuranceOperations} ({@link InsuranceOperations}, the insurance back-end's calls),
 * the claim-notice flow's {@code claimNotices}, {@code claimCoverage} (with compliance/claims.yaml) and
 * {@code claimLetters} (models/claim-letters/), the second check of a settlement {@code claimPaymentRules} (before the
 * action gate, which checks its verify checks exist), and, once the jobs are bound, the intake's {@code claimsInbox}.
 */
final class ClaimBeans {

    private ClaimBeans() {
    }

    static void bind(Wiring hub) throws Exception {
        InsuranceOperations insurance = new InsuranceOperations(hub.json());
        hub.bind("insuranceOperations", insurance);
        ClaimRules rules;
        try (InputStream in = hub.open("compliance/claims.yaml")) {
            rules = ClaimRules.read(in);
        }
        hub.bind("claimNotices", new ClaimNotices(rules));
        hub.bind("claimCoverage", new ClaimCoverage(rules, hub.clock()));
        hub.bind("claimPaymentRules", new ClaimPaymentRules());
        String version = hub.settings().text("hub.claims.letters-version", "v1");
        String template;
        try (InputStream in = hub.open("models/claim-letters/" + version + "/" + ClaimLetters.PAID + ".txt")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        hub.bind("claimLetters", new ClaimLetters(version, Map.of(ClaimLetters.PAID, template), insurance));
    }

    /** The intake, once {@code jobs} is bound. */
    static void bindIntake(Wiring hub, Ledger ledger) throws Exception {
        String configured = hub.settings().text("hub.claims.inbox", "");
        Path inbox = configured.isBlank() ? hub.settings().dataDir().resolve("claims").resolve("inbox") : Path.of(configured);
        ClaimFiles files = new ClaimFiles(hub.json(), hub.settings().atLeast("hub.claims.max-file-bytes", 65_536, 1),
                hub.settings().integer("hub.request.max-text-chars", 4_000));
        ConsumerTemplate consumer = hub.context().createConsumerTemplate();
        ProducerTemplate producer = hub.context().createProducerTemplate();
        hub.closeOnStop(consumer);
        hub.closeOnStop(producer);
        hub.bind("claimsInbox", new ClaimsInbox(inbox, files, hub.tenants(),
                hub.context().getRegistry().lookupByNameAndType("jobs", Jobs.class), ledger.steps(), hub.json(),
                consumer, producer, hub.settings().text("hub.claims.default-tenant", "")));
    }
}
