package io.agenthub.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inbox's files as a browser gets them: each with its media type and the security headers, /inbox redirected,
 * nothing else under /inbox/ (no listing, no way out of the set), GET and HEAD only, an unchanged file a 304.
 */
class InboxPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static Vertx vertx;
    private static int port;

    @BeforeAll
    static void serve() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        InboxConfig config = InboxConfig.of(null, "", "openid", "roles", "tenants", Map.of("approver", "approver"),
                List.of("approver", "compliance"), 50);
        InboxPages.load(config, JSON).register(router);
        router.route().handler(rc -> rc.response().setStatusCode(418).end("the rest of the hub"));
        HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = server.actualPort();
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, Map.of());
    }

    @Test
    void eachFileHasItsMediaTypeAndTheSecurityHeaders() throws Exception {
        Map<String, String> types = Map.of("/inbox/", "text/html; charset=utf-8", "/inbox/index.html", "text/html; charset=utf-8",
                "/inbox/inbox.js", "text/javascript; charset=utf-8", "/inbox/inbox.css", "text/css; charset=utf-8",
                "/inbox/config.json", "application/json");
        for (var entry : types.entrySet()) {
            HttpResponse<String> response = get(entry.getKey());

            assertThat(response.statusCode()).as(entry.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(entry.getKey()).hasValue(entry.getValue());
            assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString()
                    .startsWith("default-src 'self';").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(response.headers().firstValue("ETag")).isPresent();
        }
        assertThat(get("/inbox/").body()).contains("<script src=\"inbox.js\" defer></script>").doesNotContain("<script>");
    }

    @Test
    void thePageHoldsNoInlineScriptNorStyleNorAnythingFromElsewhere() throws Exception {
        String html = get("/inbox/").body();

        assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain("<style").doesNotContain(" style=")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContain("http://").doesNotContain("https://");
        assertThat(get("/inbox/inbox.css").body()).doesNotContain("@import").doesNotContain("url(");
        assertThat(get("/inbox/inbox.js").body()).doesNotContain("innerHTML").doesNotContain("eval(");
    }

    @Test
    void theBarePathRedirectsToTheFolder() throws Exception {
        HttpResponse<String> response = get("/inbox");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/inbox/");
    }

    @Test
    void nothingElseUnderTheInboxIsServedAndOtherPathsAreLeftToTheHub() throws Exception {
        for (String path : List.of("/inbox/other.html", "/inbox/inbox", "/inbox/../inbox/inbox.js/", "/inbox/%2e%2e/application.properties",
                "/inbox/..%2fapplication.properties", "/inbox/META-INF/MANIFEST.MF", "/inbox/inbox.js/..%2f..%2fapplication.properties")) {
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isIn(404, 418);
            assertThat(response.body()).as(path).doesNotContain("camel.").doesNotContain("Manifest-Version");
        }
        assertThat(get("/inbox/other.html").headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get("/inboxes").statusCode()).isEqualTo(418);
        assertThat(get("/api/v1/approvals").statusCode()).isEqualTo(418);
    }

    @Test
    void aRawPathThatClimbsOutIsNeverAFile() throws Exception {
        assertThat(raw("GET /inbox/")).startsWith("HTTP/1.1 200");
        for (String path : List.of("/inbox/../application.properties", "/inbox/./../../etc/passwd", "/inbox/..%2f..%2fetc/passwd")) {
            String answer = raw("GET " + path);
            assertThat(answer).as(path).doesNotStartWith("HTTP/1.1 200").doesNotContain("root:").doesNotContain("camel.");
        }
    }

    /** The answer to a request line written on the socket as is (Java's client would normalise the path first). */
    private static String raw(String requestLine) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void onlyGetAndHeadAreAnswered() throws Exception {
        String head = raw("HEAD /inbox/inbox.js");
        assertThat(head).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");

        HttpResponse<String> post = send("POST", "/inbox/", Map.of());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        String etag = get("/inbox/inbox.js").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = send("GET", "/inbox/inbox.js", Map.of("If-None-Match", etag));

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(send("GET", "/inbox/inbox.js", Map.of("If-None-Match", "\"other\"")).statusCode()).isEqualTo(200);
    }

    @Test
    void theConfigurationSaysHowToSignIn() throws Exception {
        JsonNode config = JSON.readTree(get("/inbox/config.json").body());

        assertThat(config.path("signIn").asText()).isEqualTo("token");
        assertThat(config.path("issuer").isNull()).isTrue();
        assertThat(config.path("rolesClaim").asText()).isEqualTo("roles");
        assertThat(config.path("revealRoles").toString()).isEqualTo("[\"approver\",\"compliance\"]");
        assertThat(config.path("pageSize").asInt()).isEqualTo(50);
    }

    @Test
    void withAnOidcProviderThePageMayCallItsOriginAndSignsInThere() {
        InboxConfig oidc = InboxConfig.of(URI.create("https://idp.example:8443/realms/bank"), "agent-hub-inbox", "openid",
                "realm_access.roles", "tenants", Map.of(), List.of("approver"), 50);

        assertThat(oidc.signIn()).isEqualTo("oidc");
        assertThat(oidc.clientId()).isEqualTo("agent-hub-inbox");
        assertThat(InboxPages.contentSecurityPolicy(oidc)).contains("connect-src 'self' https://idp.example:8443;");

        InboxConfig noClient = InboxConfig.of(URI.create("https://idp.example/realms/bank"), " ", "openid", "roles",
                "tenants", Map.of(), List.of(), 50);
        assertThat(noClient.signIn()).isEqualTo("token");
        assertThat(InboxPages.contentSecurityPolicy(noClient)).doesNotContain("connect-src");
    }
}
