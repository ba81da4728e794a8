package io.agenthub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.access.EmbeddedIssuer;
import io.agenthub.access.Role;
import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import io.agenthub.config.HubSettings;
import io.agenthub.sandbox.SandboxBackends;
import io.agenthub.store.DatabaseSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;

/**
 * The whole hub, started exactly as {@code agent-hub run} starts it, on a free port and a fresh data
 * directory, for one test class. Register with {@code @RegisterExtension static RunningHub hub = new RunningHub();}.
 */
public final class RunningHub implements BeforeAllCallback, AfterAllCallback {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Rate limits are off unless a test asks for them ({@code with("hub.limits.enabled", "true")}): a test class
     * sends its requests as fast as the machine allows, and how many fit in a caller's second is no test's subject
     * but the limit tests'.
     */
    private final Map<String, String> overrides = new LinkedHashMap<>(Map.of("hub.limits.enabled", "false"));
    private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String scheme = "http";
    private String tenantsYaml;
    private Path home;
    private Path dataDir;
    private Main main;
    private int port;
    private String everyRole;
    private static final String EVERY_ROLE_SUBJECT = "test";
    /** The id of the tests' default caller, as the hub records it (idempotency keys are scoped by it). */
    public static final String EVERY_ROLE_CALLER = EVERY_ROLE_SUBJECT + "@agent-hub";

    /** A setting that wins over every configuration file, e.g. {@code hub.db.url}. */
    public RunningHub with(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The hub speaks HTTPS (set {@code hub.http.tls.*} with {@link #with}); the test's client trusts {@code trusted}. */
    public RunningHub https(SSLContext trusted) {
        scheme = "https";
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusted).build();
        return this;
    }

    /**
     * Runs the hub with this {@code compliance/tenants.yaml} instead of the shipped one: its home is then a folder
     * of links to this checkout's folders, with a compliance folder of its own.
     */
    public RunningHub withTenants(String yaml) {
        tenantsYaml = yaml;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (tenantsYaml != null) {
            home = homeWithTenants(tenantsYaml);
        }
        dataDir = Files.createTempDirectory("agent-hub-test");
        port = AvailablePortFinder.getNextAvailable();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        // A hub's data directory holds a broker journal of tens of megabytes; a whole run left gigabytes behind.
        org.apache.camel.util.FileUtil.removeDir(dataDir.toFile());
        if (home != null) {
            // Walked without following links, so the links go and what they point to stays.
            try (Stream<Path> paths = Files.walk(home)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static Path homeWithTenants(String yaml) throws IOException {
        Path checkout = Path.of("").toAbsolutePath();
        Path dir = Files.createTempDirectory("agent-hub-test-home");
        // Folders the hub scans by pattern are copied (Camel's scan does not enter a linked folder); the models,
        // opened by name, are linked.
        for (String folder : List.of("routes", "processors", "connectors", "compliance")) {
            try (Stream<Path> paths = Files.walk(checkout.resolve(folder))) {
                for (Path path : paths.toList()) {
                    Files.copy(path, dir.resolve(checkout.relativize(path).toString()));
                }
            }
        }
        Files.createSymbolicLink(dir.resolve("models"), checkout.resolve("models"));
        Files.writeString(dir.resolve("compliance/tenants.yaml"), yaml);
        return dir;
    }

    public void start() throws Exception {
        everyRole = null;  // the hub may make a new signing key (a test that fakes an older data directory)
        main = HubLauncher.create(new HubOptions(port, dataDir, home, null, false, false));
        // In-VM only unless the test opens the acceptor on a port of its own: test classes must not meet on 61616.
        main.addOverrideProperty("hub.broker.acceptor", "");
        overrides.forEach(main::addOverrideProperty);
        main.start();
    }

    /**
     * {@code Bearer <token>} for a channel of {@code tenant}, signed by this hub's embedded issuer, as
     * {@code agent-hub token --role channel --tenant TENANT} prints it: the Authorization header of a JMS request.
     */
    public String channelAuthorization(String tenant) {
        return "Bearer " + token(Role.CHANNEL, tenant, Duration.ofMinutes(10));
    }

    /** A token of this hub's embedded issuer, as {@code agent-hub token} signs it. */
    public String token(Role role, String tenant, Duration ttl) {
        return issuer().issue("test-" + role.claimValue(), role, List.of(tenant), ttl);
    }

    public void stop() throws Exception {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The hub's embedded database with the credentials it keeps, as an operator's tool on this machine would
     * open it (while the hub runs, only from inside its process).
     */
    public DataSource database() {
        DatabaseSettings settings = HubSettings.offline(null, dataDir).database();
        return new DriverManagerDataSource(settings.url(), settings.user(), settings.password());
    }

    public CamelContext camel() {
        return main.getCamelContext();
    }

    public SandboxBackends sandbox() {
        return camel().getRegistry().lookupByNameAndType("sandboxBackends", SandboxBackends.class);
    }

    public String url(String path) {
        return scheme + "://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public HttpResponse<String> postRequest(String json) throws IOException, InterruptedException {
        return post("/api/v1/requests", json, "application/json");
    }

    public HttpResponse<String> post(String path, String body, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Reads from the sandbox back-ends directly, as a bank's own systems would see them. */
    public HttpResponse<String> sandboxGet(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox().baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends with the test caller's token (every role, both demo tenants) unless the request carries its own. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        if (request.headers().firstValue("Authorization").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Authorization", "Bearer " + everyRole()).build();
        }
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends exactly as given: without a token unless the request carries one. */
    public HttpResponse<String> sendAsIs(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The hub's own token issuer, with the key in its key directory. */
    private EmbeddedIssuer issuer() {
        return EmbeddedIssuer.load(HubSettings.offline(null, dataDir).keyFiles(), "agent-hub", "agent-hub", Clock.systemUTC());
    }

    /** A token of the hub's own issuer. */
    public String token(String subject, Set<Role> roles, String... tenants) {
        return issuer().issue(subject, roles, List.of(tenants), Duration.ofHours(1));
    }

    /** A token for a caller holding every role for both demo tenants, as the tests' default caller. */
    public String everyRole() {
        if (everyRole == null) {
            everyRole = token(EVERY_ROLE_SUBJECT, EnumSet.allOf(Role.class), "demo-bank", "demo-insurer");
        }
        return everyRole;
    }

    public static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** A front-door request body for the demo bank. */
    public static String request(String subjectId, String text, String idempotencyKey) {
        var node = JSON.createObjectNode().put("tenant", "demo-bank").put("channel", "app")
                .put("subjectId", subjectId).put("text", text);
        if (idempotencyKey != null) {
            node.put("idempotencyKey", idempotencyKey);
        }
        return node.toString();
    }
}
