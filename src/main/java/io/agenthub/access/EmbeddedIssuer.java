package io.agenthub.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.agenthub.config.HubSettings;
import io.agenthub.secrets.KeyFiles;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The hub's own token issuer for the one-machine default, when no external OIDC provider is configured: it
 * signs bearer tokens (JWS, ES256) with a key kept owner-only in the key directory and publishes the public
 * half as a JWKS, so the hub validates its own tokens exactly as it would a Keycloak's or Entra ID's.
 */
public final class EmbeddedIssuer {

    /** The signing key's file in the key directory: a private JWK, owner-only. */
    static final String KEY_FILE = "token-signing-key.jwk";
    /** The claim that lists the caller's roles; a role holds for every tenant in {@link #TENANTS_CLAIM}. */
    public static final String ROLES_CLAIM = "roles";
    public static final String TENANTS_CLAIM = "tenants";
    /** Longest lifetime a token may be given: a leaked one should not outlive a working day. */
    static final Duration LONGEST_TTL = Duration.ofHours(24);

    private final ECKey key;
    private final String issuer;
    private final String audience;
    private final Clock clock;

    private EmbeddedIssuer(ECKey key, String issuer, String audience, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
        this.clock = clock;
    }

    /** The issuer whose key is in the key directory, made there on first use. */
    public static EmbeddedIssuer load(KeyFiles keys, String issuer, String audience, Clock clock) {
        String jwk = keys.readOrCreate(KEY_FILE, null, EmbeddedIssuer::newKey);
        try {
            return new EmbeddedIssuer(ECKey.parse(jwk.strip()), issuer, audience, clock);
        } catch (ParseException e) {
            throw new IllegalStateException("the token signing key in " + keys.keysDir().resolve(KEY_FILE)
                    + " is not a JWK: " + e.getMessage());
        }
    }

    /** The issuer a hub with these settings signs with (hub.auth.issuer, hub.auth.audience, its key directory). */
    public static EmbeddedIssuer of(HubSettings settings) {
        return load(settings.keyFiles(), settings.text("hub.auth.issuer", "agent-hub"),
                settings.text("hub.auth.audience", "agent-hub"), Clock.systemUTC());
    }

    private static String newKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate().toJSONString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make a token signing key", e);
        }
    }

    /** A signed token for {@code subject} holding {@code role} for {@code tenants}, valid from now for {@code ttl}. */
    public String issue(String subject, Role role, List<String> tenants, Duration ttl) {
        return issue(subject, Set.of(role), tenants, ttl);
    }

    /** A signed token for {@code subject} holding each of {@code roles} for every one of {@code tenants}. */
    public String issue(String subject, Set<Role> roles, List<String> tenants, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(LONGEST_TTL) > 0) {
            throw new IllegalArgumentException("a token lives more than 0 and at most " + LONGEST_TTL.toHours() + " hours");
        }
        if (tenants.isEmpty()) {
            throw new IllegalArgumentException("a role is always held for at least one tenant");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ROLES_CLAIM, roles.stream().map(Role::claimValue).sorted().toList())
                .claim(TENANTS_CLAIM, List.copyOf(tenants))
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return token.serialize();
    }

    /** The public keys callers and the hub check tokens with, as served at the JWKS endpoint. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    public String issuer() {
        return issuer;
    }

    public String audience() {
        return audience;
    }
}
