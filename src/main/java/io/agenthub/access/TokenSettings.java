package io.agenthub.access;

import com.nimbusds.jose.JWSAlgorithm;
import io.agenthub.config.HubSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How bearer tokens are checked (hub.auth.*): whose they are, for whom, signed how, and where in them the roles
 * and tenants are. With no issuer URL the hub checks the tokens of its own {@link EmbeddedIssuer}.
 *
 * @param issuerUrl   an OIDC provider's issuer URL (Keycloak realm, Entra ID tenant...); null for the embedded issuer
 * @param jwksUrl     where the provider publishes its keys; null to discover it from the issuer's metadata
 * @param issuer      the {@code iss} a token must carry: the issuer URL when one is set
 * @param audience    the {@code aud} a token must include
 * @param algorithms  the signature algorithms accepted; none, HMAC or anything else is refused
 * @param clockSkew   how far {@code exp} and {@code nbf} may be off
 * @param rolesClaim  the claim holding role names, a dotted path for nested claims ({@code realm_access.roles})
 * @param tenantsClaim the claim holding the tenants the roles are held for
 * @param roleNames   the claim value that stands for each role
 */
public record TokenSettings(URI issuerUrl, URI jwksUrl, String issuer, String audience, Set<JWSAlgorithm> algorithms,
                            Duration clockSkew, String rolesClaim, String tenantsClaim, Map<Role, String> roleNames) {

    /** Asymmetric signatures only: an HMAC "signed" with the issuer's public key must never pass. */
    static final Set<JWSAlgorithm> ASYMMETRIC = Stream.concat(JWSAlgorithm.Family.RSA.stream(), JWSAlgorithm.Family.EC.stream()).collect(Collectors.toUnmodifiableSet());

    public TokenSettings {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("hub.auth.algorithms names no algorithm");
        }
        for (JWSAlgorithm algorithm : algorithms) {
            if (!ASYMMETRIC.contains(algorithm)) {
                throw new IllegalArgumentException("hub.auth.algorithms: " + algorithm + " is not an RSA or EC signature"
                        + " algorithm; the hub accepts " + ASYMMETRIC.stream().map(JWSAlgorithm::getName).sorted()
                        .collect(Collectors.joining(", ")));
            }
        }
    }

    public boolean embedded() {
        return issuerUrl == null && jwksUrl == null;
    }

    /** The tokens of an embedded issuer, with its claims and the default role names. */
    public static TokenSettings of(EmbeddedIssuer issuer, Duration clockSkew) {
        Map<Role, String> roleNames = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roleNames.put(role, role.claimValue());
        }
        return new TokenSettings(null, null, issuer.issuer(), issuer.audience(), Set.of(JWSAlgorithm.ES256), clockSkew,
                EmbeddedIssuer.ROLES_CLAIM, EmbeddedIssuer.TENANTS_CLAIM, roleNames);
    }

    public static TokenSettings from(HubSettings settings) {
        URI issuerUrl = uri(settings, "hub.auth.issuer-url");
        URI jwksUrl = uri(settings, "hub.auth.jwks-url");
        String issuer = issuerUrl != null ? issuerUrl.toString() : settings.text("hub.auth.issuer", "agent-hub");
        Set<JWSAlgorithm> algorithms = Arrays.stream(settings.text("hub.auth.algorithms", "ES256,RS256,PS256").split(","))
                .map(String::strip).filter(a -> !a.isEmpty()).map(JWSAlgorithm::parse)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<Role, String> roleNames = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            roleNames.put(role, settings.text("hub.auth.role." + role.claimValue(), role.claimValue()).strip());
        }
        return new TokenSettings(issuerUrl, jwksUrl, issuer, settings.text("hub.auth.audience", "agent-hub"), algorithms,
                Duration.ofSeconds(settings.atLeast("hub.auth.clock-skew-seconds", 60, 0)),
                settings.text("hub.auth.roles-claim", EmbeddedIssuer.ROLES_CLAIM),
                settings.text("hub.auth.tenants-claim", EmbeddedIssuer.TENANTS_CLAIM), roleNames);
    }

    private static URI uri(HubSettings settings, String key) {
        String value = settings.text(key, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        URI uri = URI.create(value);
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException(key + " must be an http(s) URL, not '" + value + "'");
        }
        return uri;
    }
}
