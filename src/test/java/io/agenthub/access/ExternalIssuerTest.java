package io.agenthub.access;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub configured for an OpenID Connect provider (here a stand-in serving discovery metadata and a JWKS, as
 * Keycloak does) takes that provider's tokens, by configuration alone, and no longer its own.
 */
class ExternalIssuerTest {

    private static final HttpServer PROVIDER;
    private static final String ISSUER;
    private static final RSAKey KEY;

    static {
        try {
            PROVIDER = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ISSUER = "http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/realms/bank";
            KEY = new RSAKeyGenerator(2048).keyID("bank-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        serve("/realms/bank/.well-known/openid-configuration",
                "{\"issuer\":\"" + ISSUER + "\",\"jwks_uri\":\"" + ISSUER + "/certs\"}");
        serve("/realms/bank/certs", new JWKSet(KEY.toPublicJWK()).toString(true));
        PROVIDER.start();
    }

    private static void serve(String path, String json) {
        PROVIDER.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @RegisterExtension
    static RunningHub hub = new RunningHub()
            .with("hub.auth.issuer-url", ISSUER)
            .with("hub.auth.roles-claim", "realm_access.roles")
            .with("hub.auth.role.channel", "agent-hub-channel");

    @AfterAll
    static void stopProvider() {
        PROVIDER.stop(0);
    }

    private static String providerToken(String role) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience("agent-hub").subject("mobile-app")
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                        .claim("realm_access", Map.of("roles", List.of(role))).claim("tenants", List.of("demo-bank")).build());
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    private static HttpResponse<String> submit(String token) {
        try {
            return hub.sendAsIs(HttpRequest.newBuilder(URI.create(hub.url("/api/v1/requests"))).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(request("C-1001", "what is my balance", null))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theProvidersTokensAreServedAndTheHubsOwnAreNot() throws Exception {
        assertThat(submit(providerToken("agent-hub-channel")).statusCode()).isEqualTo(200);
        assertThat(submit(providerToken("channel")).statusCode()).isEqualTo(401);
        assertThat(submit(hub.token("self-made", java.util.Set.of(Role.CHANNEL), "demo-bank")).statusCode()).isEqualTo(401);
        // the hub publishes no keys of its own then
        assertThat(hub.sendAsIs(HttpRequest.newBuilder(URI.create(hub.url("/.well-known/jwks.json"))).GET().build())
                .statusCode()).isEqualTo(404);
    }
}
