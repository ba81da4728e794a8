package io.agenthub.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.util.List;

/**
 * An external provider's signing keys. The JWKS URL is the configured one, or the {@code jwks_uri} of the issuer's
 * OpenID Connect metadata ({@code ISSUER/.well-known/openid-configuration}), looked up on first use and again
 * after a failure, so a provider that is down while the hub starts does not stop it. The keys themselves are
 * fetched, cached and refreshed by Nimbus's {@link JWKSourceBuilder} (rate-limited re-fetch on an unknown key id).
 */
final class DiscoveredKeys implements JWKSource<SecurityContext> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TokenSettings settings;
    private final ResourceRetriever retriever;
    private volatile JWKSource<SecurityContext> keys;

    DiscoveredKeys(TokenSettings settings, ResourceRetriever retriever) {
        this.settings = settings;
        this.retriever = retriever;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return source().get(selector, context);
    }

    private JWKSource<SecurityContext> source() throws KeySourceException {
        JWKSource<SecurityContext> known = keys;
        if (known == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = JWKSourceBuilder.create(jwksUrl(), retriever).retrying(true).build();
                }
                known = keys;
            }
        }
        return known;
    }

    private URL jwksUrl() throws KeySourceException {
        try {
            if (settings.jwksUrl() != null) {
                return settings.jwksUrl().toURL();
            }
            String base = settings.issuerUrl().toString().replaceAll("/+$", "");
            JsonNode metadata = JSON.readTree(retriever.retrieveResource(
                    URI.create(base + "/.well-known/openid-configuration").toURL()).getContent());
            // OIDC Discovery 1.0 §4.3: the metadata's issuer must be the URL it was fetched for.
            if (!metadata.path("issuer").asText().equals(settings.issuer())) {
                throw new KeySourceException("the OpenID metadata of " + base + " names another issuer: "
                        + metadata.path("issuer").asText());
            }
            String jwks = metadata.path("jwks_uri").asText("");
            if (jwks.isEmpty()) {
                throw new KeySourceException("the OpenID metadata of " + base + " has no jwks_uri");
            }
            return URI.create(jwks).toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new KeySourceException("cannot read the issuer's OpenID metadata: " + e.getMessage(), e);
        }
    }
}
