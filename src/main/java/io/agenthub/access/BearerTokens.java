package io.agenthub.access;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks OAuth 2.0 bearer tokens (JWS-signed JWTs) with Nimbus JOSE+JWT and says who the caller is: the signature
 * against the issuer's JWKS with an algorithm from the allow-list (so {@code alg: none} and an HMAC keyed with
 * the public key are refused), then {@code iss}, {@code aud}, {@code exp} and {@code nbf} within the clock skew,
 * then the roles and tenants the configured claims hold. Keycloak, Entra ID or any OIDC provider works by
 * configuration ({@link TokenSettings}); with none configured the hub's {@link EmbeddedIssuer} is the issuer.
 */
public final class BearerTokens {

    /** A tenant id as tenants.yaml has them; a claim holding anything else is refused, never echoed. */
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int HTTP_TIMEOUT_MS = 5_000;

    private final TokenSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private BearerTokens(TokenSettings settings, JWKSource<SecurityContext> keys) {
        this.settings = settings;
        // Access tokens are typed JWT or at+jwt (RFC 9068); some providers leave typ out.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(settings.audience()),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("sub", "exp"), null);
        claims.setMaxClockSkew((int) settings.clockSkew().toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Tokens of the hub's own issuer, checked against its public keys in process. */
    public static BearerTokens embedded(TokenSettings settings, EmbeddedIssuer issuer) {
        return new BearerTokens(settings, new ImmutableJWKSet<>(issuer.publicKeys()));
    }

    /**
     * Tokens of an external provider: its keys are fetched from the JWKS URL (or the one its OIDC metadata names),
     * cached, refreshed ahead of expiry and re-fetched when a token names a key not seen yet (a rotation).
     */
    public static BearerTokens external(TokenSettings settings) {
        JWKSource<SecurityContext> keys = new DiscoveredKeys(settings, new DefaultResourceRetriever(HTTP_TIMEOUT_MS,
                HTTP_TIMEOUT_MS, 1 << 20));
        return new BearerTokens(settings, keys);
    }

    /** Builds the checker a configuration asks for. */
    public static BearerTokens of(TokenSettings settings, EmbeddedIssuer issuer) {
        return settings.embedded() ? embedded(settings, issuer) : external(settings);
    }

    /** True when checking a token may fetch keys over the network (an external issuer), so may block. */
    public boolean mayFetchKeys() {
        return !settings.embedded();
    }

    /** The caller a valid token names, or why the token is refused. */
    public Caller verify(String token) throws InvalidTokenException {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("no bearer token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.strip(), null);
        } catch (ExpiredJWTException e) {
            throw new InvalidTokenException("the token has expired");
        } catch (BadJWTException e) {
            throw new InvalidTokenException(refusedClaims(e.getMessage()));
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("the token's signature or algorithm is not accepted");
        } catch (ParseException e) {
            throw new InvalidTokenException("the token is not a signed JWT");
        } catch (com.nimbusds.jose.JOSEException | RuntimeException e) {
            throw new InvalidTokenException("the token cannot be checked now (the issuer's keys are unavailable)");
        }
        return caller(claims);
    }

    /** Says which claim failed without quoting the token's values (Nimbus's messages do). */
    private static String refusedClaims(String message) {
        String m = message == null ? "" : message;
        if (m.contains("missing required claims")) {
            return "the token lacks a required claim (sub, exp)";
        }
        if (m.contains("audience") || m.contains("aud claim")) {
            return "the token is not for this hub (aud)";
        }
        if (m.contains("iss claim")) {
            return "the token's issuer is not accepted (iss)";
        }
        if (m.contains("before use time")) {
            return "the token is not valid yet (nbf)";
        }
        return "the token's claims are not accepted";
    }

    private Caller caller(JWTClaimsSet claims) throws InvalidTokenException {
        List<String> names = strings(claim(claims.getClaims(), settings.rolesClaim()));
        Set<String> tenants = new LinkedHashSet<>();
        for (String tenant : strings(claim(claims.getClaims(), settings.tenantsClaim()))) {
            if (!TENANT.matcher(tenant).matches()) {
                throw new InvalidTokenException("the token's " + settings.tenantsClaim() + " claim holds a value that is not a tenant id");
            }
            tenants.add(tenant);
        }
        Map<Role, Set<String>> roles = new EnumMap<>(Role.class);
        settings.roleNames().forEach((role, name) -> {
            if (names.contains(name) && !tenants.isEmpty()) {
                roles.put(role, tenants);
            }
        });
        if (roles.isEmpty()) {
            throw new InvalidTokenException("the token holds no hub role for any tenant (claims "
                    + settings.rolesClaim() + " and " + settings.tenantsClaim() + ")");
        }
        String subject = claims.getSubject();
        if (subject.length() > 200) {
            throw new InvalidTokenException("the token's subject is too long");
        }
        return new Caller(claims.getIssuer(), subject, roles);
    }

    /** A claim by dotted path: {@code realm_access.roles} is Keycloak's realm roles. */
    private static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    /** A claim holding one string or a list of them (others ignored); a space-separated string as OAuth's scope. */
    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof String text) {
            for (String part : text.split(" ")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text && !text.isBlank()) {
                    out.add(text);
                }
            }
        }
        return out;
    }
}
