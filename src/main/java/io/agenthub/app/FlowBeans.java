package io.agenthub.app;

import io.agenthub.api.DataSubject;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.extract.PromptRedaction;
import io.agenthub.extract.TokenEncoders;
import io.agenthub.flows.ExtractionStep;
import io.agenthub.flows.StaffReferral;
import io.agenthub.flows.SubjectSerialisation;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.flows.claims.ClaimStatuses;
import io.agenthub.flows.payments.ChargebackRules;
import io.agenthub.flows.payments.UnrecognisedPayments;
import io.agenthub.flows.contact.ContactDetailsChanges;
import io.agenthub.intent.FlowDirectory;
import io.agenthub.intent.FrontDoorIntents;
import io.agenthub.intent.TenantCapabilities;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.messages.MessageFiles;
import io.agenthub.store.Ledger;
import io.agenthub.tenants.Tenant;
import io.agenthub.vault.SubjectVault;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The flows of {@code routes/}: {@code flowDirectory} ({@link FlowDirectory}, which flow serves which intent, from
 * {@code routes/intent-flows.yaml}), {@code subjectSerialisation} ({@link SubjectSerialisation}, one request per
 * customer at a time), {@code staffReferral} ({@link StaffReferral}), {@code customerMessages} ({@link CustomerMessages}, the
 * customer-facing texts of routes/messages/), {@code lostCardPolicy} ({@link LostCardPolicy}),
 * {@code unrecognisedPayments} ({@link UnrecognisedPayments}) with {@code chargebackRules} ({@link ChargebackRules}, the
 * second check of a chargeback), {@code contactDetailsChanges} ({@link ContactDetailsChanges}), {@code claimStatuses} ({@link ClaimStatuses}, the
 * claim-status flow), and one {@link ExtractionStep} per extraction
 * capability of {@code processors/}, named for it ({@code bankingSlotsExtractionStep}).
 */
final class FlowBeans {

    /** The customer-facing texts, beside the routes. */
    private static final String MESSAGES = "routes/messages";

    private FlowBeans() {
    }

    /** Returns the extracting cascades, which {@code run --reload} rebuilds. */
    static ExtractionRegistry bind(Wiring hub, Ledger ledger, SubjectVault vault, Reidentifier reidentifier,
                                   List<CapabilityDeclaration> declarations, LangChain4jLlmTiers llms, EncoderPool encoders) throws Exception {
        FlowDirectory flows = FlowDirectory.fromYaml(hub.open("routes/intent-flows.yaml"));
        hub.bind("flowDirectory", flows);
        // Each tenant's requests are classified with its own front-door capability (compliance/tenants.yaml).
        TenantCapabilities frontDoors = hub.context().getRegistry().lookupByNameAndType("frontDoorCapabilities",
                TenantCapabilities.class);
        hub.bind("frontDoorIntents", new FrontDoorIntents(ledger.decisions(),
                (tenant, text) -> frontDoors.apply(tenant).classify(text), flows));
        hub.bind("subjectSerialisation", new SubjectSerialisation(hub.settings().atLeast("hub.flows.subject-wait-ms", 30_000, 0)));
        hub.bind("staffReferral", new StaffReferral());
        hub.bind("customerMessages", customerMessages(hub));
        hub.bind("lostCardPolicy", new LostCardPolicy((request, token) ->
                vault.reveal(new DataSubject(request.tenant(), request.subjectId()), token)));
        hub.bind("unrecognisedPayments", new UnrecognisedPayments(hub.clock()));
        hub.bind("chargebackRules", new ChargebackRules(hub.clock(), hub.settings().atLeast("hub.chargeback.window-days", 120, 1)));
        hub.bind("contactDetailsChanges", new ContactDetailsChanges());
        hub.bind("claimStatuses", new ClaimStatuses((request, token) ->
                vault.reveal(new DataSubject(request.tenant(), request.subjectId()), token)));

        // Extraction capabilities (task: extract), each a flow step named for its id: banking-slots is ref: bankingSlotsExtractionStep
        ExtractionRegistry extractions = ExtractionRegistry.build(declarations, hub.models(), hub.json(), hub.meters(),
                llms, PromptRedaction.NONE, TokenEncoders.pooled(encoders));  // texts here are already pseudonymised; a slot tagger shares the encoders' batches
        hub.closeOnStop(extractions);
        for (CapabilityDeclaration declaration : declarations) {
            if (declaration.task() == CapabilityDeclaration.Task.EXTRACT) {
                hub.bind(ExtractionStep.beanName(declaration.capability()), new ExtractionStep(extractions.get(declaration.capability()),
                        reidentifier, ledger.steps(), hub.json(), hub.clock()));
            }
        }
        return extractions;
    }

    /**
     * The customer-facing texts of routes/messages/, read now (a mistake stops the start, naming file and key) and,
     * under {@code run --reload}, again whenever one changes (a mistake then keeps the texts in use).
     */
    private static CustomerMessages customerMessages(Wiring hub) throws Exception {
        Set<String> tenantIds = hub.tenants().all().stream().map(Tenant::id).collect(Collectors.toSet());
        String language = hub.settings().text("hub.messages.language", "en");
        CustomerMessages messages = new CustomerMessages(() -> MessageFiles.load(hub.context(), hub.home().location(MESSAGES),
                MESSAGES, tenantIds, language), language);
        if (hub.reloading()) {
            FolderReload.watch(hub.context(), hub.home().dir().resolve(MESSAGES), true,
                    file -> file.getName().endsWith(".yaml"), messages::reload);
        }
        return messages;
    }
}
