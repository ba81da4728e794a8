package io.agenthub.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.AccessAudit;
import io.agenthub.access.ApiAuthentication;
import io.agenthub.access.BearerTokens;
import io.agenthub.access.CallerAccess;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.PublishedKeys;
import io.agenthub.access.Role;
import io.agenthub.access.TokenSettings;
import io.agenthub.audit.AuditKeys;
import io.agenthub.audit.AuditLog;
import io.agenthub.audit.AuditSigner;
import io.agenthub.audit.CheckpointFile;
import io.agenthub.access.InternalTokens;
import io.agenthub.broker.BrokerLogins;
import io.agenthub.broker.BrokerSettings;
import io.agenthub.broker.EmbeddedBroker;
import io.agenthub.broker.NetworkAcceptor;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.CapabilityRegistry;
import io.agenthub.extract.ExtractionRegistry;
import io.agenthub.extract.PromptRedaction;
import io.agenthub.flows.ExtractionStep;
import io.agenthub.flows.payments.UnrecognisedPayments;
import io.agenthub.capability.EncoderPool;
import io.agenthub.cli.BuildInfo;
import io.agenthub.capability.LangChain4jLlmTiers;
import io.agenthub.compliance.DecisionContests;
import io.agenthub.compliance.DecisionExplainer;
import io.agenthub.compliance.RetentionJob;
import io.agenthub.compliance.SubjectRequests;
import io.agenthub.compliance.SubjectRights;
import io.agenthub.compliance.RetentionPolicy;
import io.agenthub.connectors.ConnectorClient;
import io.agenthub.connectors.ConnectorSettings;
import io.agenthub.connectors.HttpConnectorRoutes;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.connectors.corebanking.CoreBankingConnector;
import io.agenthub.deadletters.DeadLetterQueues;
import io.agenthub.flows.StaffReferral;
import io.agenthub.flows.SubjectSerialisation;
import io.agenthub.flows.card.LostCardPolicy;
import io.agenthub.frontdoor.FailureHandler;
import io.agenthub.frontdoor.JmsCallers;
import io.agenthub.frontdoor.Tenant;
import io.agenthub.frontdoor.HttpHeaderPolicy;
import io.agenthub.frontdoor.HttpIngressGuard;
import io.agenthub.frontdoor.HttpProblemPages;
import io.agenthub.frontdoor.HttpServerLimits;
import io.agenthub.frontdoor.LimitedVertx;
import io.agenthub.frontdoor.ReplyWriter;
import io.agenthub.frontdoor.RetryAfterHold;
import io.agenthub.frontdoor.RequestParser;
import io.agenthub.frontdoor.Tenant;
import io.agenthub.frontdoor.TenantDirectory;
import io.agenthub.limits.FrontDoorLimits;
import io.agenthub.limits.RequestLimiter;
import io.agenthub.messages.CustomerMessages;
import io.agenthub.messages.MessageFiles;
import io.agenthub.health.BrokerHealthCheck;
import io.agenthub.health.DatabaseHealthCheck;
import io.agenthub.intent.FlowDirectory;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.review.ReviewQueue;
import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.sandbox.SandboxSeed;
import io.agenthub.slm.EncoderCatalog;
import io.agenthub.store.Database;
import io.agenthub.transport.HttpListeners;
import io.agenthub.transport.ObserveExposure;
import io.agenthub.store.RequestFingerprints;
import io.agenthub.store.RequestLedger;
import io.agenthub.recovery.RequestRecovery;
import io.agenthub.frontdoor.IngressKeys;
import io.agenthub.vault.DataSubject;
import io.agenthub.vault.MasterKey;
import io.agenthub.vault.SubjectVault;
import io.vertx.core.Vertx;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.VertxOptions;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Wires the hub into Camel: infrastructure first (database, broker, sandbox back-ends), then the
 * beans the YAML routes call by name, then one pair of routes per connector in {@code connectors/}.
 * Every service is handed to Camel, so shutdown runs in reverse: routes drain, then the sandbox,
 * the JMS connections, the broker, and last the database.
 */
public final class HubConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(HubConfiguration.class);

    /** How long the broker takes a client's verified token on trust: an expired one is refused within this time. */
    private static final Duration BROKER_TOKEN_RECHECK = Duration.ofSeconds(10);
    /** The customer-facing texts, beside the routes. */
    private static final String MESSAGES = "routes/messages";

    private final HubHome home;

    public HubConfiguration(HubHome home) {
        this.home = home;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        HubSettings settings = new HubSettings(context.getPropertiesComponent());
        ensurePortIsFree(settings.text("camel.server.host", "127.0.0.1"), settings.integer("camel.server.port", 8080));
        // TLS on the HTTP servers (hub.http.tls.*) before they start; where they listen is logged once they do.
        context.addStartupListener(HttpListeners.configure(context, settings));
        // The HTTP server runs each route on a Vert.x worker thread, which waits while the request's text is
        // encoded. The pool bounds how many requests are inside the routes at once, and so how large the
        // encoders' micro-batches can grow; Vert.x's default of 20 leaves the encoders short of company.
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(settings.atLeast("hub.http.worker-threads", 64, 1)));
        // Camel's HTTP server takes this instance from the registry and leaves closing it to the hub: once the
        // context has stopped, so after the server and its connections.
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    vertx.close();
                }
            }
        });
        bind(context, "hubVertx", LimitedVertx.wrap(vertx, new HttpServerLimits(settings.atLeast("hub.http.idle-timeout-ms", 30_000, 1),
                settings.atLeast("hub.http.header-timeout-ms", 10_000, 1), settings.atLeast("hub.http.body-timeout-ms", 30_000, 1))));
        // What crosses the HTTP boundaries: platform-http takes hubHttpHeaders as its component default
        // (application.properties), the connectors name connectorHttpHeaders on their endpoint.
        bind(context, "hubHttpHeaders", HttpHeaderPolicy.server());
        bind(context, "connectorHttpHeaders", HttpHeaderPolicy.connectors());
        List<String> connectors = loadConnectorSettings(context);
        ObjectMapper json = JsonMapper.create();
        Clock clock = Clock.systemUTC();
        Path dataDir = settings.dataDir();
        LOG.info("Agent Hub home {}, data {}", home, dataDir);
        StateDirectories.secure(settings);

        Database database = start(context, new Database(settings.database()));
        HealthCheckRegistry.get(context).register(new DatabaseHealthCheck(database));
        bind(context, "hubDataSource", database.dataSource());

        TenantDirectory tenants = TenantDirectory.fromYaml(open(context, "compliance/tenants.yaml"));
        // Bearer tokens: of the configured OIDC provider, or of the hub's own issuer (agent-hub token), which also
        // signs for the hub's own JMS senders (the demo stream, replays) whichever issuer callers use.
        TokenSettings tokenSettings = TokenSettings.from(settings);
        EmbeddedIssuer issuer = EmbeddedIssuer.of(settings);
        BearerTokens bearerTokens = BearerTokens.of(tokenSettings, issuer);
        bind(context, "bearerTokens", bearerTokens);
        bind(context, "publishedKeys", tokenSettings.embedded() ? PublishedKeys.of(issuer) : PublishedKeys.none(tokenSettings.issuer()));
        LOG.info("Bearer tokens from {}", tokenSettings.embedded() ? "the embedded issuer '" + tokenSettings.issuer()
                + "' (agent-hub token --role ROLE --tenant T)" : "issuer " + tokenSettings.issuer());
        InternalTokens internalTokens = new InternalTokens(issuer, tokenSettings.clockSkew());
        ReviewQueue reviews = new ReviewQueue(database.dataSource(), json, clock);
        bind(context, "reviewQueue", reviews);
        RequestLedger ledger = new RequestLedger(database.dataSource(), json, clock, reviews);
        AccessAudit accessAudit = new AccessAudit(ledger);
        bind(context, "accessAudit", accessAudit);
        DeadLetterQueues deadLetters = configureJms(context, settings, dataDir, json, tenants, bearerTokens, internalTokens,
                accessAudit);
        if (settings.bool("hub.sandbox.enabled", true)) {
            startSandbox(context, settings);
        }

        int maxBodyBytes = settings.integer("hub.request.max-body-bytes", 16_384);
        bind(context, "hubJson", json);
        bind(context, "requestLedger", ledger);
        RequestRecovery recovery = new RequestRecovery(ledger,
                Duration.ofMillis(settings.atLeast("hub.recovery.period-ms", 5_000, 1)),
                Duration.ofMillis(settings.atLeast("hub.recovery.longest-pause-ms", 600_000, 1)));
        bind(context, "requestRecovery", recovery);
        context.addStartupListener(recovery);
        bind(context, "ingressKeys", new IngressKeys());
        bind(context, "requestParser", new RequestParser(json, tenants, maxBodyBytes, settings.integer("hub.request.max-text-chars", 4_000)));
        bind(context, "httpIngressGuard", new HttpIngressGuard(maxBodyBytes));
        bind(context, "replyWriter", new ReplyWriter(json));
        bind(context, "callerAccess", new CallerAccess(ledger, accessAudit));
        String realm = settings.text("hub.auth.audience", "agent-hub");
        context.addStartupListener(new HttpProblemPages(json, reply -> new ApiAuthentication(bearerTokens, accessAudit, realm, reply),
                !settings.bool("hub.observe.metrics-requires-token", false) ? null
                        : reply -> new ApiAuthentication(bearerTokens, accessAudit, realm, reply).requiring(Role.OPERATOR)));
        context.addStartupListener(new ObserveExposure(json, new ObserveExposure.HubInfo(context.getName(), BuildInfo.version())));
        bind(context, "failureHandler", new FailureHandler(ledger, json, clock));
        AuditSigner auditKey = AuditKeys.signer(settings.text("hub.audit.signing-key", ""), settings.keyFiles());
        LOG.info("Audit log signed by Ed25519 key {} (public key: {})", AuditSigner.keyId(auditKey.publicKey()),
                auditKey.publicKeyText());
        Path published = settings.auditCheckpointFile();
        AuditLog auditLog = new AuditLog(database.dataSource(), auditKey, clock, settings.atLeast("hub.audit.batch-size", 500, 1),
                checkpoint -> {
                    try {
                        CheckpointFile.append(published, checkpoint);
                    } catch (IOException e) {
                        // The database holds the checkpoint; only the outside copy of this one is missing.
                        LOG.error("Audit checkpoint at size {} could not be published to {}: {}", checkpoint.treeSize(),
                                published, e.getMessage());
                    }
                });
        bind(context, "auditLog", auditLog);
        // On shutdown, after the routes have drained and before the database closes, log the last events.
        if (settings.bool("hub.audit.enabled", true)) {
            context.addService(new ClosingService(auditLog::appendPending), true, false);
        }
        // Stopped before the audit log's last append (services stop in reverse), so its refusals are in it.
        context.addService(new ClosingService(accessAudit::flush), true, false);
        EncoderPool encoders = new EncoderPool(new EncoderCatalog(),
                settings.atLeast("hub.encoders.max-batch", 64, 1), settings.atLeast("hub.encoders.window-micros", 2000, 0));
        MasterKey masterKey = MasterKey.load(settings.text("hub.vault.master-key", ""), settings.keyFiles());
        SubjectVault vault = new SubjectVault(database.dataSource(), masterKey, clock);
        bind(context, "requestFingerprints", new RequestFingerprints(masterKey.derive("request-fingerprint")));
        bind(context, "subjectVault", vault);
        Pseudonymiser pseudonymiser = pseudonymiser(context, settings, json, encoders, vault);
        bind(context, "pseudonymiser", pseudonymiser);
        List<CapabilityDeclaration> declarations = declarations(context);
        CapabilityRegistry capabilities = loadCapabilities(context, declarations, json, encoders);
        context.addService(new ClosingService(capabilities), true, false);
        bind(context, "capabilities", capabilities);
        bind(context, "frontDoorIntent", capabilities.get(settings.text("hub.front-door.capability", "banking77-intent")));
        bind(context, "decisionExplainer", new DecisionExplainer(ledger, json));
        try (InputStream in = open(context, "compliance/retention.yaml")) {
            bind(context, "retentionJob", new RetentionJob(database.dataSource(), RetentionPolicy.read(in), vault, ledger, clock));
        }
        bind(context, "subjectRequests", new SubjectRequests(new SubjectRights(database.dataSource(), ledger, vault, json, clock), json));
        bind(context, "decisionContests", new DecisionContests(database.dataSource(), ledger, reviews,
                pseudonymiser, json));
        bind(context, "flowDirectory", FlowDirectory.fromYaml(open(context, "routes/intent-flows.yaml")));
        bind(context, "staffReferral", new StaffReferral());
        bind(context, "customerMessages", customerMessages(context, settings, tenants));
        bind(context, "subjectSerialisation", new SubjectSerialisation(settings.atLeast("hub.flows.subject-wait-ms", 30_000, 0)));
        bind(context, "lostCardPolicy", new LostCardPolicy((request, token) ->
                vault.reveal(new DataSubject(request.tenant(), request.subjectId()), token)));
        bind(context, "demoRequests", DemoRequests.fromJsonLines(open(context, "connectors/sandbox/demo-requests.jsonl")));
        bind(context, "demoChannel", new DemoChannel(internalTokens, json));
        if (settings.bool("hub.demo.enabled", false)) {
            context.addStartupListener(new DemoStreamStarter());
        }

        Map<String, ConnectorSettings> connectorSettings = new HashMap<>();
        for (String connector : connectors) {
            ConnectorSettings connectorSetting = ConnectorSettings.from(context.getPropertiesComponent(), connector);
            connectorSettings.put(connector, connectorSetting);
            context.addRoutes(new HttpConnectorRoutes(connectorSetting, json));
        }
        Reidentifier reidentifier = new Reidentifier(vault, ledger::subjectOf, json);
        bind(context, "coreBanking", new CoreBankingConnector(new ConnectorClient(connectorSettings.get(CoreBankingConnector.NAME),
                context.createProducerTemplate(), ledger, reidentifier), json));
        bind(context, "unrecognisedPayments", new UnrecognisedPayments(clock));

        // Extraction capabilities (task: extract), each a flow step bound under its id: ref: banking-slots
        HubMeters meters = new HubMeters();
        context.addStartupListener(meters);
        bind(context, "requestLimits", new FrontDoorLimits(requestLimiter(settings, tenants, meters.registry())));
        if (settings.bool("hub.limits.enabled", true)) {
            context.addStartupListener(new RetryAfterHold(settings.atLeast("hub.limits.tracked-callers", 10_000, 1), meters.registry()));
        }
        registerDeadLetterDepth(meters.registry(), deadLetters);
        ExtractionRegistry extractions = ExtractionRegistry.build(declarations, models(context), json, meters.registry(),
                new LangChain4jLlmTiers(json, System::getenv), PromptRedaction.NONE);  // texts here are already pseudonymised
        context.addService(new ClosingService(extractions), true, false);
        for (CapabilityDeclaration declaration : declarations) {
            if (declaration.task() == CapabilityDeclaration.Task.EXTRACT) {
                bind(context, declaration.capability(), new ExtractionStep(extractions.get(declaration.capability()),
                        declaration.reidentify(), reidentifier, ledger, json, clock));
            }
        }
    }

    /**
     * The HTTP server binds on an event-loop thread and a failure there does not stop Camel, so a hub
     * whose port is taken would run deaf. Fail at start instead, with a message that says why.
     */
    private static void ensurePortIsFree(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getByName(host))) {
            // bound and released: the port is free
        } catch (IOException e) {
            throw new IllegalStateException("HTTP port " + port + " on " + host + " is already in use; choose another with --port");
        }
    }

    /**
     * Builds every capability in {@code processors/*.yaml}: model versions load and encoders start
     * here, once, before the first request.
     */
    private CapabilityRegistry loadCapabilities(CamelContext context, List<CapabilityDeclaration> declarations, ObjectMapper json,
                                                EncoderPool encoders) throws Exception {
        CapabilityRegistry registry = CapabilityRegistry.build(declarations, models(context), encoders, json,
                new LangChain4jLlmTiers(json, System::getenv));
        LOG.info("Capabilities: {}", declarations.stream().map(CapabilityDeclaration::capability).toList());
        return registry;
    }

    /** Every capability declared in {@code processors/*.yaml}, classifying and extracting. */
    private List<CapabilityDeclaration> declarations(CamelContext context) throws Exception {
        List<CapabilityDeclaration> declarations = new ArrayList<>();
        for (Resource resource : PluginHelper.getPackageScanResourceResolver(context)
                .findResources(home.location("processors/*.yaml"))) {
            try (InputStream in = resource.getInputStream()) {
                declarations.add(CapabilityRegistry.parse(in));
            }
        }
        return declarations;
    }

    private CapabilityRegistry.ModelLocator models(CamelContext context) {
        return (capability, version) -> name -> open(context, "models/" + capability + "/" + version + "/" + name);
    }

    /**
     * The customer-facing texts of routes/messages/, read now (a mistake stops the start, naming file and key) and,
     * under {@code run --reload}, again whenever one changes (a mistake then keeps the texts in use).
     */
    private CustomerMessages customerMessages(CamelContext context, HubSettings settings, TenantDirectory tenants)
            throws Exception {
        Set<String> tenantIds = tenants.all().stream().map(Tenant::id).collect(Collectors.toSet());
        CustomerMessages messages = new CustomerMessages(() -> MessageFiles.load(context, home.location(MESSAGES), MESSAGES,
                tenantIds, settings.text("hub.messages.language", "en")), settings.text("hub.messages.language", "en"));
        if (reloading(settings)) {
            FolderReload.watch(context, home.dir().resolve(MESSAGES), true, file -> file.getName().endsWith(".yaml"),
                    messages::reload);
        }
        return messages;
    }

    /** {@code run --reload}: route files, and the other files integrators change while the hub runs, are reloaded. */
    private boolean reloading(HubSettings settings) {
        return !home.bundled() && settings.bool("camel.main.routesReloadEnabled", false);
    }

    /**
     * The guard that replaces personal data by tokens, as {@code compliance/pii.yaml} describes it; under
     * {@code run --reload} the file is read again when it changes.
     */
    private Pseudonymiser pseudonymiser(CamelContext context, HubSettings settings, ObjectMapper json, EncoderPool encoders,
                                        SubjectVault vault) throws Exception {
        boolean redaction = settings.bool("hub.pii.redaction", true);
        if (!redaction) {
            LOG.warn("hub.pii.redaction=false: personal data in requests reaches models, logs and the database unredacted");
        }
        PersonalDataRules rules = new PersonalDataRules(relative -> open(context, relative), json, encoders);
        Pseudonymiser pseudonymiser = rules.start(vault, redaction);
        if (reloading(settings)) {
            FolderReload.watch(context, home.dir().resolve("compliance"), false,
                    file -> file.getName().equals("pii.yaml"), rules::reload);
        }
        return pseudonymiser;
    }

    /** Adds every {@code connectors/*.properties} to the placeholders; returns the connector names. */
    private List<String> loadConnectorSettings(CamelContext context) throws Exception {
        List<String> names = new ArrayList<>();
        for (Resource resource : PluginHelper.getPackageScanResourceResolver(context)
                .findResources(home.location("connectors/*.properties"))) {
            // A scanned resource inside the jar reports a file-system-like location; address it through the home instead.
            String file = resource.getLocation().substring(resource.getLocation().lastIndexOf('/') + 1);
            context.getPropertiesComponent().addLocation(home.location("connectors/" + file));
            names.add(file.substring(0, file.length() - ".properties".length()));
        }
        LOG.info("Connectors: {}", names);
        return names;
    }

    /**
     * Sets up the JMS component on the embedded or an external broker, and the JMS front door's check of who sent a
     * request; returns the dead letters on the broker.
     */
    private DeadLetterQueues configureJms(CamelContext context, HubSettings settings, Path dataDir, ObjectMapper json,
                                          TenantDirectory tenants, BearerTokens bearerTokens, InternalTokens internalTokens,
                                          AccessAudit accessAudit)
            throws Exception {
        String brokerUrl = settings.text("hub.broker.url", "embedded");
        String brokerDeadLetters = settings.text("hub.broker.dead-letter-address", "DLQ");
        String requestQueue = settings.text("hub.jms.request-queue", "hub.requests");
        String user = settings.text("hub.broker.user", null);
        String password = settings.text("hub.broker.password", null);
        DeadLetterQueues.QueueDepth depth = null;
        boolean embedded = "embedded".equals(brokerUrl);
        if (embedded) {
            EmbeddedBroker broker = new EmbeddedBroker(new BrokerSettings(dataDir.resolve("broker"),
                    brokerDeadLetters,
                    settings.text("hub.broker.expiry-address", "ExpiryQueue"),
                    settings.integer("hub.broker.max-delivery-attempts", 5),
                    settings.integer("hub.broker.redelivery-delay-ms", 1000),
                    networkAcceptor(settings), requestQueue,
                    tenants.all().stream().map(Tenant::id).toList()),
                    new BrokerLogins(bearerTokens, BROKER_TOKEN_RECHECK));
            start(context, broker);
            brokerUrl = broker.url();
            user = broker.internalUser();
            password = broker.internalPassword();
            depth = broker::messageCount;
        }
        bind(context, "jmsCallers", new JmsCallers(bearerTokens, internalTokens, embedded, accessAudit));
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory(brokerUrl, user, password);
        HealthCheckRegistry.get(context).register(new BrokerHealthCheck(broker));
        CachingConnectionFactory connections = new CachingConnectionFactory(broker);
        // Consumers keep their own sessions; caching them would defeat the listener container's recovery.
        connections.setCacheConsumers(false);
        connections.setSessionCacheSize(settings.integer("hub.broker.session-cache-size", 10));
        context.addService(new ClosingService(connections::destroy), true, false);
        context.addComponent("jms", JmsComponent.jmsComponent(connections));
        DeadLetterQueues deadLetters = new DeadLetterQueues(broker, settings.text("hub.jms.dead-letter-queue", "hub.dead-letter"),
                brokerDeadLetters, requestQueue, json, depth, internalTokens,
                tenants.all().stream().map(Tenant::id).collect(Collectors.toSet()));
        bind(context, "deadLetters", deadLetters);
        return deadLetters;
    }

    /** The embedded broker's network acceptor (hub.broker.acceptor and its TLS settings); null when none is set. */
    private static NetworkAcceptor networkAcceptor(HubSettings settings) {
        String url = settings.text("hub.broker.acceptor", "");
        if (url.isBlank()) {
            return null;
        }
        String keyStore = settings.text("hub.broker.tls.key-store", "");
        return new NetworkAcceptor(url.strip(), List.of(settings.text("hub.broker.acceptor-protocols", "CORE,AMQP").split(",")),
                keyStore.isBlank() ? null : Path.of(keyStore), settings.text("hub.broker.tls.key-store-password", null),
                settings.text("hub.broker.tls.key-store-type", "PKCS12"));
    }

    /**
     * The limits of compliance/tenants.yaml; with hub.limits.enabled=false none (it exists to measure the front door's
     * throughput, bench front-door, never for production).
     */
    private static RequestLimiter requestLimiter(HubSettings settings, TenantDirectory tenants, MeterRegistry meters) {
        List<Tenant> limited = tenants.all();
        if (settings.bool("hub.limits.enabled", true)) {
            limited.stream().filter(t -> t.limits() == null && t.callerLimits() == null)
                    .forEach(t -> LOG.warn("Tenant {} has no limits in compliance/tenants.yaml: its requests are never refused"
                            + " for volume, so a flood of them can slow every other tenant's", t.id()));
        } else {
            LOG.warn("hub.limits.enabled=false: no tenant or caller is limited (for benchmarks only)");
            limited = List.of();
        }
        return new RequestLimiter(limited, settings.atLeast("hub.limits.tracked-callers", 10_000, 1),
                Duration.ofMillis(settings.atLeast("hub.limits.caller-idle-ms", 600_000, 1)), System::nanoTime, meters);
    }

    /** {@code hub_dead_letters{source=hub|broker}}: letters waiting for an operator; alert on their sum. */
    private static void registerDeadLetterDepth(MeterRegistry registry, DeadLetterQueues deadLetters) {
        for (String source : List.of(DeadLetterQueues.HUB, DeadLetterQueues.BROKER)) {
            Gauge.builder("hub.dead.letters", deadLetters, letters -> letters.depth(source))
                    .description("Dead letters waiting to be replayed or purged (agent-hub dead-letters)")
                    .tag("source", source)
                    .register(registry);
        }
    }

    private void startSandbox(CamelContext context, HubSettings settings) throws Exception {
        SandboxSeed seed;
        try (InputStream bank = open(context, "connectors/sandbox/core-banking-seed.json");
             InputStream insurance = open(context, "connectors/sandbox/insurance-seed.json")) {
            seed = SandboxSeed.fromStreams(bank, insurance);
        }
        SandboxBackends sandbox = SandboxBackends.start(settings.text("hub.sandbox.host", "127.0.0.1"),
                settings.integer("hub.sandbox.port", 0), seed);
        context.addService(new ClosingService(sandbox), true, false);
        context.getPropertiesComponent().addOverrideProperty("hub.sandbox.url", sandbox.baseUrl());
        bind(context, "sandbox", sandbox);
        LOG.info("Sandbox back-ends at {} (demo data; point connectors/*.properties at real back-ends to leave demo mode)",
                sandbox.baseUrl());
    }

    private <S extends org.apache.camel.Service> S start(CamelContext context, S service) throws Exception {
        ServiceHelper.startService(service);
        context.addService(service, true, false);
        return service;
    }

    private InputStream open(CamelContext context, String relative) throws java.io.IOException {
        return ResourceHelper.resolveMandatoryResourceAsInputStream(context, home.location(relative));
    }

    private static void bind(CamelContext context, String name, Object bean) {
        context.getRegistry().bind(name, bean);
    }
}
