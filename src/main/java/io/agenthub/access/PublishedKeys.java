package io.agenthub.access;

import io.agenthub.api.ProblemException;
import io.agenthub.api.ProblemType;

import java.util.Map;

/**
 * The public keys the hub's own tokens are checked with, as a JWKS (RFC 7517) at /.well-known/jwks.json, for a
 * gateway or service that checks the hub's tokens itself. With an external issuer the hub signs nothing, and
 * its keys are the provider's to publish.
 */
public final class PublishedKeys {

    private final EmbeddedIssuer issuer;
    private final String externalIssuer;

    private PublishedKeys(EmbeddedIssuer issuer, String externalIssuer) {
        this.issuer = issuer;
        this.externalIssuer = externalIssuer;
    }

    public static PublishedKeys of(EmbeddedIssuer issuer) {
        return new PublishedKeys(issuer, null);
    }

    public static PublishedKeys none(String externalIssuer) {
        return new PublishedKeys(null, externalIssuer);
    }

    /** The JWKS: public halves only. */
    public Map<String, Object> jwks() {
        if (issuer == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "This hub's tokens come from " + externalIssuer
                    + "; its keys are published there.");
        }
        return issuer.publicKeys().toJSONObject(true);
    }
}
