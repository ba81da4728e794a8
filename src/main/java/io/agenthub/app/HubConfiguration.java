package io.agenthub.app;

import io.agenthub.capability.EncoderPool;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.config.HubSettings;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.slm.OnnxSessionSettings;
import io.agenthub.tenants.TenantDirectory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

import java.time.Clock;

/**
 * Wires the hub into Camel, one area at a time; each {@code *Beans} class binds the beans of its area under the names
 * the YAML routes call them by, so a bean's name leads to the class that builds it:
 *
 * <table>
 *   <caption>Where each area's beans are built</caption>
 *   <tr><td>{@link HttpBeans}</td><td>the HTTP servers: Vert.x, header policies, TLS, /observe pages</td></tr>
 *   <tr><td>{@link StoreBeans}</td><td>the database, the review queue, the ledger by role</td></tr>
 *   <tr><td>{@link AccessBeans}</td><td>bearer tokens, caller checks, the access audit</td></tr>
 *   <tr><td>{@link BrokerBeans}</td><td>the broker, the JMS component, JMS callers, dead letters</td></tr>
 *   <tr><td>{@link SandboxBeans}</td><td>the sandbox back-ends and the demo stream</td></tr>
 *   <tr><td>{@link AuditBeans}</td><td>the signed audit log</td></tr>
 *   <tr><td>{@link PrivacyBeans}</td><td>the subject vault and the pseudonymiser</td></tr>
 *   <tr><td>{@link BreakerBeans}</td><td>the one registry of circuit breakers, for connectors and LLM tiers</td></tr>
 *   <tr><td>{@link CapabilityBeans}</td><td>the model cascades of processors/, and their reload</td></tr>
 *   <tr><td>{@link ComplianceBeans}</td><td>explanations, contests, subject rights, retention</td></tr>
 *   <tr><td>{@link ReviewBeans}</td><td>the reviewers' desk: the queue with its labels, resolutions</td></tr>
 *   <tr><td>{@link FrontDoorBeans}</td><td>the front door's steps, error handling, recovery</td></tr>
 *   <tr><td>{@link ConnectorBeans}</td><td>the back-ends of connectors/</td></tr>
 *   <tr><td>{@link BackOfficeBeans}</td><td>the back-office database, over JDBC</td></tr>
 *   <tr><td>{@link FlowBeans}</td><td>the flows' policies and extraction steps</td></tr>
 *   <tr><td>{@link ClaimBeans}</td><td>the insurance calls, the claims rules, letters and inbox</td></tr>
 *   <tr><td>{@link ActionBeans}</td><td>the action policy and gate, approvals, automation pauses, publications</td></tr>
 *   <tr><td>{@link CollectionsBeans}</td><td>the collections job: its rules, templates and outreach</td></tr>
 *   <tr><td>{@link EventFlowBeans}</td><td>event-driven flows: fraud alerts, outreach replies and messages</td></tr>
 *   <tr><td>{@link InboxBeans}</td><td>the inbox page for people at /inbox/</td></tr>
 * </table>
 *
 * <p>The areas run in this order, each building on what the ones before returned. Services are handed to Camel as
 * they start, so shutdown runs in reverse: routes drain, then the model cascades, the audit log's last appends, the
 * sandbox, the JMS connections, the broker, and last the database. (One configuration calling the areas in order,
 * rather than one Camel configuration class per area: Camel Main runs every class's {@code @BindToRegistry} methods
 * before any {@code configure}, which would leave the start order of the database and the broker to chance.)
 */
public final class HubConfiguration implements CamelConfiguration {

    private final HubHome home;

    public HubConfiguration(HubHome home) {
        this.home = home;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings settings = new HubSettings(context.getPropertiesComponent());
        HubMeters meters = new HubMeters();
        context.addStartupListener(meters);
        Wiring hub = new Wiring(context, home, settings, JsonMapper.create(), Clock.systemUTC(),
                TenantDirectory.fromYaml(ResourceHelper.resolveMandatoryResourceAsInputStream(context,
                        home.location("compliance/tenants.yaml"))), meters.registry());
        HttpBeans.bind(hub);
        hub.bind("hubJson", hub.json());

        StoreBeans.Store store = StoreBeans.bind(hub);
        AccessBeans.Access access = AccessBeans.bind(hub, store.ledger());
        BrokerBeans.bind(hub, access);
        SandboxBeans.bind(hub, access.internalTokens(), store.ledger().records());
        AuditBeans.bind(hub, store.database(), access.audit());
        // The encoders' micro-batches are shared by the personal-data tagger and the classifiers.
        OnnxSessionSettings onnxMemory = new OnnxSessionSettings(settings.bool("hub.onnx.cpu-arena", true),
                settings.bool("hub.onnx.memory-pattern", true));
        EncoderPool encoders = new EncoderPool(new EncoderCatalog(onnxMemory),
                settings.atLeast("hub.encoders.max-batch", 64, 1), settings.atLeast("hub.encoders.window-micros", 2000, 0));
        PrivacyBeans.Privacy privacy = PrivacyBeans.bind(hub, store.database(), encoders);
        LangChain4jLlmTiers llms = new LangChain4jLlmTiers(System::getenv, BreakerBeans.bind(hub));
        CapabilityBeans.Capabilities capabilities = CapabilityBeans.bind(hub, encoders, llms);
        ComplianceBeans.bind(hub, store, privacy);
        ReviewBeans.bind(hub, store, privacy, capabilities);
        FrontDoorBeans.bind(hub, store.ledger(), privacy.masterKey());
        Reidentifier reidentifier = ConnectorBeans.bind(hub, store.ledger(), privacy.vault());
        BackOfficeBeans.bind(hub);
        ExtractionRegistry extractions = FlowBeans.bind(hub, store.ledger(), privacy.vault(), reidentifier,
                capabilities.declarations(), llms, encoders);
        ClaimBeans.bind(hub);
        ActionBeans.bind(hub, store.ledger());
        JobBeans.bind(hub, store.ledger());
        CollectionsBeans.bind(hub, store.ledger());
        EventFlowBeans.bind(hub, store.ledger());
        ClaimBeans.bindIntake(hub, store.ledger());
        CapabilityBeans.reloadOnChange(hub, capabilities, extractions);
        InboxBeans.bind(hub);
    }
}
