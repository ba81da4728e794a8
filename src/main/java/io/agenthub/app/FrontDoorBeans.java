package io.agenthub.app;

import io.agenthub.config.HubSettings;
import io.agenthub.frontdoor.FailureHandler;
import io.agenthub.frontdoor.FrontDoorLimits;
import io.agenthub.frontdoor.HttpIngressGuard;
import io.agenthub.frontdoor.IngressKeys;
import io.agenthub.frontdoor.ReplyWriter;
import io.agenthub.frontdoor.RequestParser;
import io.agenthub.frontdoor.RetryAfterHold;
import io.agenthub.limits.RequestLimiter;
import io.agenthub.recovery.RequestRecovery;
import io.agenthub.store.Ledger;
import io.agenthub.store.RequestFingerprints;
import io.agenthub.tenants.Tenant;
import io.agenthub.vault.MasterKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The steps of {@code routes/front-door.camel.yaml} and of the error handling every ingress route shares:
 * {@code httpIngressGuard} ({@link HttpIngressGuard}), {@code requestParser} ({@link RequestParser}),
 * {@code frontDoorLimits} ({@link FrontDoorLimits}), {@code requestFingerprints} ({@link RequestFingerprints}),
 * {@code ingressKeys} ({@link IngressKeys}), {@code replyWriter} ({@link ReplyWriter}) and {@code failureHandler}
 * ({@link FailureHandler}); and {@code requestRecovery} ({@link RequestRecovery}), which re-runs the requests admitted
 * but never answered.
 */
final class FrontDoorBeans {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoorBeans.class);

    private FrontDoorBeans() {
    }

    static void bind(Wiring hub, Ledger ledger, MasterKey masterKey) throws Exception {
        HubSettings settings = hub.settings();
        RequestRecovery recovery = new RequestRecovery(ledger.decisions(),
                Duration.ofMillis(settings.atLeast("hub.recovery.period-ms", 5_000, 1)),
                Duration.ofMillis(settings.atLeast("hub.recovery.longest-pause-ms", 600_000, 1)));
        hub.bind("requestRecovery", recovery);
        hub.context().addStartupListener(recovery);
        int maxBodyBytes = settings.integer("hub.request.max-body-bytes", 16_384);
        hub.bind("httpIngressGuard", new HttpIngressGuard(maxBodyBytes));
        hub.bind("requestParser", new RequestParser(hub.json(), hub.tenants(), maxBodyBytes,
                settings.integer("hub.request.max-text-chars", 4_000)));
        hub.bind("frontDoorLimits", new FrontDoorLimits(requestLimiter(hub)));
        if (settings.bool("hub.limits.enabled", true)) {
            hub.context().addStartupListener(new RetryAfterHold(settings.atLeast("hub.limits.tracked-callers", 10_000, 1),
                    hub.meters()));
        }
        hub.bind("requestFingerprints", new RequestFingerprints(masterKey.derive("request-fingerprint")));
        hub.bind("ingressKeys", new IngressKeys());
        hub.bind("replyWriter", new ReplyWriter(hub.json()));
        hub.bind("failureHandler", new FailureHandler(ledger.requests(), hub.json(), hub.clock()));
    }

    /**
     * The limits of compliance/tenants.yaml; with hub.limits.enabled=false none (it exists to measure the front door's
     * throughput, bench front-door, never for production).
     */
    private static RequestLimiter requestLimiter(Wiring hub) {
        List<Tenant> limited = hub.tenants().all();
        if (hub.settings().bool("hub.limits.enabled", true)) {
            limited.stream().filter(t -> t.limits() == null && t.callerLimits() == null)
                    .forEach(t -> LOG.warn("Tenant {} has no limits in compliance/tenants.yaml: its requests are never refused"
                            + " for volume, so a flood of them can slow every other tenant's", t.id()));
        } else {
            LOG.warn("hub.limits.enabled=false: no tenant or caller is limited (for benchmarks only)");
            limited = List.of();
        }
        return new RequestLimiter(limited, hub.settings().atLeast("hub.limits.tracked-callers", 10_000, 1),
                Duration.ofMillis(hub.settings().atLeast("hub.limits.caller-idle-ms", 600_000, 1)), System::nanoTime, hub.meters());
    }
}
