package io.agenthub.app;

import io.agenthub.access.AccessAudit;
import io.agenthub.access.ApiAuthentication;
import io.agenthub.access.BearerTokens;
import io.agenthub.access.CallerAccess;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.InternalTokens;
import io.agenthub.access.PublishedKeys;
import io.agenthub.access.Role;
import io.agenthub.access.TokenSettings;
import io.agenthub.frontdoor.HttpProblemPages;
import io.agenthub.store.Ledger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may call the hub: {@code bearerTokens} ({@link BearerTokens}), {@code publishedKeys} ({@link PublishedKeys}),
 * {@code accessAudit} ({@link AccessAudit}) and {@code callerAccess} ({@link CallerAccess}); and the HTTP server's
 * authentication of every {@code /api/} call, with its problem pages.
 */
final class AccessBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AccessBeans.class);

    /** What later areas build on: the JMS front door checks callers too, and the hub signs its own senders' tokens. */
    record Access(BearerTokens bearerTokens, InternalTokens internalTokens, AccessAudit audit) {
    }

    private AccessBeans() {
    }

    static Access bind(Wiring hub, Ledger ledger) throws Exception {
        // Bearer tokens: of the configured OIDC provider, or of the hub's own issuer (agent-hub token), which also
        // signs for the hub's own JMS senders (the demo stream, replays) whichever issuer callers use.
        TokenSettings tokenSettings = TokenSettings.from(hub.settings());
        EmbeddedIssuer issuer = EmbeddedIssuer.of(hub.settings());
        BearerTokens bearerTokens = BearerTokens.of(tokenSettings, issuer);
        hub.bind("bearerTokens", bearerTokens);
        hub.bind("publishedKeys", tokenSettings.embedded() ? PublishedKeys.of(issuer) : PublishedKeys.none(tokenSettings.issuer()));
        LOG.info("Bearer tokens from {}", tokenSettings.embedded() ? "the embedded issuer '" + tokenSettings.issuer()
                + "' (agent-hub token --role ROLE --tenant T)" : "issuer " + tokenSettings.issuer());
        InternalTokens internalTokens = new InternalTokens(issuer, tokenSettings.clockSkew());
        AccessAudit accessAudit = new AccessAudit(ledger.steps());
        hub.bind("accessAudit", accessAudit);
        hub.bind("callerAccess", new CallerAccess(ledger.records(), accessAudit));
        String realm = hub.settings().text("hub.auth.audience", "agent-hub");
        hub.context().addStartupListener(new HttpProblemPages(hub.json(),
                reply -> new ApiAuthentication(bearerTokens, accessAudit, realm, reply),
                !hub.settings().bool("hub.observe.metrics-requires-token", false) ? null
                        : reply -> new ApiAuthentication(bearerTokens, accessAudit, realm, reply).requiring(Role.OPERATOR)));
        return new Access(bearerTokens, internalTokens, accessAudit);
    }
}
