package io.agenthub.access;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external OpenID Connect provider, as Keycloak serves one: metadata at ISSUER/.well-known/openid-configuration,
 * keys at its jwks_uri, realm roles nested in realm_access.roles and named as the realm names them. The hub
 * finds the keys by discovery, follows a key rotation, and refuses what the provider did not sign for it.
 */
class BearerTokensTest {

    private HttpServer provider;
    private String issuer;
    private final AtomicReference<JWKSet> published = new AtomicReference<>();
    private final AtomicInteger keyFetches = new AtomicInteger();
    private RSAKey signingKey;

    @BeforeEach
    void startProvider() throws Exception {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/bank";
        provider.createContext("/realms/bank/.well-known/openid-configuration", exchange -> {
            byte[] body = ("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.createContext("/realms/bank/protocol/openid-connect/certs", exchange -> {
            keyFetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        provider.start();
        signingKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(signingKey.toPublicJWK()));
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    private BearerTokens tokens() {
        Map<Role, String> names = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            names.put(role, "hub-" + role.claimValue());
        }
        return BearerTokens.external(new TokenSettings(URI.create(issuer), null, issuer, "agent-hub",
                Set.of(JWSAlgorithm.RS256), Duration.ofSeconds(60), "realm_access.roles", "tenants", names));
    }

    private String token(RSAKey key, String iss, String aud, List<String> roles) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(iss).audience(aud).subject("f3c1-service-account")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                        .claim("realm_access", Map.of("roles", roles)).claim("tenants", List.of("demo-bank")).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aProvidersTokenIsAcceptedWithItsRolesMappedByName() throws Exception {
        Caller caller = tokens().verify(token(signingKey, issuer, "agent-hub", List.of("hub-reviewer", "offline_access")));

        assertThat(caller.id()).isEqualTo("f3c1-service-account@" + issuer);
        assertThat(caller.roles()).containsOnlyKeys(Role.REVIEWER);
        assertThat(caller.holds(Role.REVIEWER, "demo-bank")).isTrue();
        assertThat(caller.holds(Role.REVIEWER, "demo-insurer")).isFalse();
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        BearerTokens tokens = tokens();
        tokens.verify(token(signingKey, issuer, "agent-hub", List.of("hub-channel")));
        RSAKey next = new RSAKeyGenerator(2048).keyID("k2").generate();
        published.set(new JWKSet(List.of(signingKey.toPublicJWK(), next.toPublicJWK())));

        Caller caller = tokens.verify(token(next, issuer, "agent-hub", List.of("hub-channel")));

        assertThat(caller.holds(Role.CHANNEL, "demo-bank")).isTrue();
        assertThat(keyFetches.get()).isEqualTo(2);
    }

    @Test
    void whatTheProviderDidNotSignForThisHubIsRefused() throws Exception {
        BearerTokens tokens = tokens();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();

        assertThatThrownBy(() -> tokens.verify(token(stranger, issuer, "agent-hub", List.of("hub-channel"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> tokens.verify(token(signingKey, issuer + "/other", "agent-hub", List.of("hub-channel"))))
                .isInstanceOf(InvalidTokenException.class).hasMessage("the token's issuer is not accepted (iss)");
        assertThatThrownBy(() -> tokens.verify(token(signingKey, issuer, "payments-api", List.of("hub-channel"))))
                .isInstanceOf(InvalidTokenException.class).hasMessage("the token is not for this hub (aud)");
        assertThatThrownBy(() -> tokens.verify(token(signingKey, issuer, "agent-hub", List.of("channel"))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("no hub role");
    }

    @Test
    void aProviderThatIsDownRefusesTokensUntilItIsBack() throws Exception {
        BearerTokens tokens = tokens();
        String token = token(signingKey, issuer, "agent-hub", List.of("hub-channel"));
        provider.stop(0);

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("cannot be checked now");
    }
}
