package io.agenthub.inbox;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenID Connect provider as the inbox meets one (discovery, the authorization endpoint, the token endpoint with
 * PKCE, the JWKS), just enough for the Authorization Code flow of a public client, and strict where the flow's safety
 * lies: the client id and redirect URI must be the registered ones, the challenge method S256, and the token endpoint
 * gives a token only for the verifier whose SHA-256 is the challenge the code was issued for, once. The person is
 * signed in without a login form: the browser test is about the inbox's side of the flow.
 */
final class OidcProviderStandIn implements AutoCloseable {

    static final String CLIENT_ID = "agent-hub-inbox";

    private record Grant(String challenge, String redirectUri) {
    }

    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;
    private volatile String redirectUri;
    private final String subject;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    /** A provider signing in {@code subject} with the approver role for demo-bank. */
    OidcProviderStandIn(String subject) throws IOException, JOSEException {
        this.subject = subject;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/bank";
        key = new RSAKeyGenerator(2048).keyID("bank-1").generate();
        server.createContext("/realms/bank/.well-known/openid-configuration", exchange -> json(exchange, 200,
                "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\""
                        + issuer + "/token\",\"jwks_uri\":\"" + issuer + "/certs\",\"code_challenge_methods_supported\":[\"S256\"]}"));
        server.createContext("/realms/bank/certs", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString(true)));
        server.createContext("/realms/bank/auth", this::authorize);
        server.createContext("/realms/bank/token", this::token);
        server.start();
    }

    static OidcProviderStandIn start(String subject) {
        try {
            return new OidcProviderStandIn(subject);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The inbox's address, the one redirect URI registered for the client. */
    void register(String inboxUrl) {
        redirectUri = inboxUrl;
    }

    String issuer() {
        return issuer;
    }

    /** Tokens given for a code and its right verifier. */
    int tokensIssued() {
        return tokensIssued.get();
    }

    /** Authorization or token requests refused. */
    int refused() {
        return refused.get();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(query.get("client_id")) || redirectUri == null || !redirectUri.equals(query.get("redirect_uri"))
                || !"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))
                || query.getOrDefault("code_challenge", "").length() < 43 || query.get("state") == null) {
            refused.incrementAndGet();
            json(exchange, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        grants.put(code, new Grant(query.get("code_challenge"), query.get("redirect_uri")));
        exchange.getResponseHeaders().add("Location", redirectUri + "?code=" + code + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            json(exchange, 405, "{\"error\":\"invalid_request\"}");
            return;
        }
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        Grant grant = grants.remove(body.getOrDefault("code", ""));
        if (grant == null || !"authorization_code".equals(body.get("grant_type")) || !CLIENT_ID.equals(body.get("client_id"))
                || !grant.redirectUri().equals(body.get("redirect_uri"))
                || !grant.challenge().equals(s256(body.getOrDefault("code_verifier", "")))) {
            refused.incrementAndGet();
            json(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience("agent-hub").subject(subject)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("realm_access", Map.of("roles", List.of("agent-hub-approver")))
                .claim("tenants", List.of("demo-bank")).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IOException(e);
        }
        tokensIssued.incrementAndGet();
        json(exchange, 200, "{\"access_token\":\"" + jwt.serialize() + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        // the inbox calls from the hub's origin: a browser lets it read the answer only with this header
        exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
