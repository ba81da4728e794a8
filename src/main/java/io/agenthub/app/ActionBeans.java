package io.agenthub.app;

import io.agenthub.actions.ActionCheck;
import io.agenthub.actions.ActionComponent;
import io.agenthub.actions.ActionEndings;
import io.agenthub.actions.ActionGate;
import io.agenthub.actions.ActionPolicy;
import io.agenthub.actions.ApprovalExecutor;
import io.agenthub.actions.ApprovalLessons;
import io.agenthub.actions.Approvals;
import io.agenthub.actions.AutomationPauses;
import io.agenthub.actions.DecisionRequests;
import io.agenthub.actions.VaultSealing;
import io.agenthub.frontdoor.PageLinks;
import io.agenthub.health.AutomationHealthCheck;
import io.agenthub.intent.FlowDirectory;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.store.GoldenExamples;
import io.agenthub.store.Ledger;
import io.agenthub.transport.PublicationMessages;
import io.agenthub.vault.SubjectVault;
import org.apache.camel.health.HealthCheckRegistry;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * People in the loop: the action policy of {@code compliance/actions.yaml} and its gate, the {@code action:} component
 * flows propose through ({@link ActionComponent}), {@code approvals} ({@link Approvals}), {@code approvalExecutor}
 * ({@link ApprovalExecutor}), {@code automationPauses} ({@link AutomationPauses}, with the health check
 * {@code automation}), {@code decisionRequests}, {@code actionGate}, and the publication outbox's {@code publications}
 * and {@code publicationMessages}; {@code pageLinks} pages every list.
 */
final class ActionBeans {

    private ActionBeans() {
    }

    static Approvals bind(Wiring hub, Ledger ledger) throws Exception {
        ActionPolicy policy;
        try (InputStream in = hub.open("compliance/actions.yaml")) {
            // Amounts may be property placeholders ({{hub.claims.approve-over}}): one setting, one source of truth.
            String text = hub.context().resolvePropertyPlaceholders(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            policy = ActionPolicy.read(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        }
        var dataSource = hub.context().getRegistry().lookupByNameAndType("hubDataSource", javax.sql.DataSource.class);
        CustomerMessages messages = hub.context().getRegistry().lookupByNameAndType("customerMessages", CustomerMessages.class);
        Approvals approvals = new Approvals(dataSource, hub.json(), hub.clock(), ledger, messages::word, new ActionEndings());
        approvals.sealEditsWith(new VaultSealing(hub.context().getRegistry().lookupByNameAndType("subjectVault", SubjectVault.class),
                hub.context().getRegistry().lookupByNameAndType("pseudonymiser", Pseudonymiser.class)));
        approvals.learnFrom(new ApprovalLessons(hub.context().getRegistry().lookupByNameAndType("goldenExamples",
                GoldenExamples.class)));
        hub.bind("approvals", approvals);
        FlowDirectory flows = hub.context().getRegistry().lookupByNameAndType("flowDirectory", FlowDirectory.class);
        Set<String> flowRoutes = new TreeSet<>(flows.flows().values());
        flowRoutes.add(flows.fallback());
        AutomationPauses pauses = new AutomationPauses(dataSource, hub.clock(), ledger.steps(), flowRoutes::contains,
                policy::names);
        hub.bind("automationPauses", pauses);
        HealthCheckRegistry.get(hub.context()).register(new AutomationHealthCheck(pauses));
        ActionGate gate = new ActionGate(policy, approvals, pauses, ledger.steps(), ledger.decisions(),
                name -> Optional.ofNullable(hub.context().getRegistry().lookupByNameAndType(name, ActionCheck.class)));
        gate.attach(hub.context());
        gate.checkChecks();
        hub.bind("actionGate", gate);
        hub.context().addComponent("action", new ActionComponent(gate));
        hub.bind("approvalExecutor", new ApprovalExecutor(approvals, gate));
        hub.bind("decisionRequests", new DecisionRequests(hub.json()));
        hub.bind("publications", ledger.publications());
        hub.bind("publicationMessages", new PublicationMessages());
        hub.bind("pageLinks", new PageLinks());
        return approvals;
    }
}
