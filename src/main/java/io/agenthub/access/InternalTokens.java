package io.agenthub.access;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Tokens the hub signs for requests it sends itself through its JMS front door (the demo stream, a dead letter's
 * replay), with its embedded issuer's key, so that such a request names a channel and its tenant as an ESB's does.
 * The JMS front door accepts them only on messages the hub's own in-process identity sent: with an external OIDC
 * provider configured, a client outside the hub cannot use one.
 */
public final class InternalTokens {

    /** Long enough for a request to wait out a restart on the queue, short enough not to matter if seen. */
    static final Duration TTL = Duration.ofHours(1);

    private final EmbeddedIssuer issuer;
    private final BearerTokens verifier;

    public InternalTokens(EmbeddedIssuer issuer, Duration clockSkew) {
        this.issuer = issuer;
        this.verifier = BearerTokens.embedded(TokenSettings.of(issuer, clockSkew), issuer);
    }

    /** An Authorization value ({@code Bearer <token>}) for {@code subject} acting as a channel of {@code tenants}. */
    public String channelBearer(String subject, Collection<String> tenants) {
        return "Bearer " + issuer.issue(subject, Role.CHANNEL, List.copyOf(tenants), TTL);
    }

    /** The caller a token of the embedded issuer names. */
    public Caller verify(String token) throws InvalidTokenException {
        return verifier.verify(token);
    }
}
