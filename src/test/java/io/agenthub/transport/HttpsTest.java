package io.agenthub.transport;

import ch.qos.logback.classic.Level;
import io.agenthub.RunningHub;
import io.agenthub.cli.AgentHubCli;
import io.agenthub.testing.LogCapture;
import io.agenthub.testing.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.net.ssl.SSLSocket;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole hub over HTTPS with a certificate made at test time, every secret given by {@code {{file:...}}}:
 * the keystore's password, the vault master key, the audit signing key and the database password.
 */
class HttpsTest {

    private static final Path DIR = tempDir();
    private static final TestCertificate CERTIFICATE = TestCertificate.generate(DIR);
    private static final Map<String, String> SECRETS = Map.of(
            "hub.vault.master-key", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)),
            "hub.audit.signing-key", ed25519Pkcs8(),
            "hub.db.password", HexFormat.of().formatHex(new SecureRandom().generateSeed(16)));
    /** Open before the hub starts, so that its start-up, where settings are read and logged, is captured. */
    private static final LogCapture LOGS = LogCapture.atDebug();

    @RegisterExtension
    static RunningHub hub = secretsByFile(new RunningHub()
            .with("hub.http.tls.keystore", CERTIFICATE.keystore().toString())
            .with("hub.http.tls.keystore-password", "{{file:" + CERTIFICATE.passwordFile() + "}}")
            .with("hub.http.header-timeout-ms", "1000")
            .https(CERTIFICATE.trustingClient()));

    @AfterAll
    static void cleanUp() {
        LOGS.close();
        org.apache.camel.util.FileUtil.removeDir(DIR.toFile());
    }

    @Test
    void servesHealthAndTheFrontDoorOverHttps() throws Exception {
        var health = hub.get("/observe/health");
        var reviews = hub.get("/api/v1/reviews?limit=1");
        var answer = hub.postRequest(request("C-1004", "I lost my card on the train", "https-1"));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health.body()).path("status").asText()).isEqualTo("UP");
        assertThat(reviews.statusCode()).isEqualTo(200);
        assertThat(json(reviews.body()).isArray()).isTrue();
        // through the flow to the sandbox back-ends, which stay on their own loopback HTTP server
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(json(answer.body()).path("outcome").asText()).isEqualTo("completed");
    }

    @Test
    void refusesPlainHttpOnTheSamePort() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + "/observe/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();

        assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesAClientThatDoesNotTrustTheCertificate() {
        HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create(hub.url("/observe/health"))).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }

    @Test
    void aSlowClientIsCutOffOverTlsAsOverPlainHttp() throws Exception {
        try (SSLSocket socket = (SSLSocket) CERTIFICATE.trustingClient().getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), 5_000);
            socket.setSoTimeout(30_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/reviews HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // a slowloris inside TLS: one header byte every 200 ms, for up to a minute, until the server hangs up
            boolean hungUp = false;
            try {
                for (int i = 0; i < 300; i++) {
                    out.write('a');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException closed) {
                hungUp = true;  // the server closed the connection, as the header deadline wants
            }

            assertThat(hungUp).as("the server hung up before the minute of dripping was over").isTrue();
        }
    }

    @Test
    void logsTheHttpsAddressAndThePortItListensOn() {
        assertThat(LOGS.text()).contains("Agent Hub listening on https://127.0.0.1:" + hub.port()
                + " (front door /api/v1, health /observe/health)");
    }

    @Test
    void noSecretGivenByReferenceReachesTheLogEvenAtDebug() {
        String logs = LOGS.text();

        assertThat(logs).contains("HTTPS with the certificate of CN=localhost");
        assertThat(logs).doesNotContain(CERTIFICATE.password());
        SECRETS.values().forEach(secret -> assertThat(logs).doesNotContain(secret));
    }

    @Test
    void theDeadLettersCommandTalksToAnHttpsHubWhoseCertificateItIsGiven() {
        String url = "https://127.0.0.1:" + hub.port();

        Cli trusted = Cli.run("dead-letters", "list", "--url", url, "--ca-cert", CERTIFICATE.certificate().toString(),
                "--data-dir", hub.dataDir().toString());
        Cli untrusted = Cli.run("dead-letters", "list", "--url", url, "--data-dir", hub.dataDir().toString());

        assertThat(trusted.exit()).as(trusted.err()).isZero();
        assertThat(trusted.out()).contains("No dead letters.");
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).contains("presented a certificate this machine does not trust: pass --ca-cert FILE");
    }

    private record Cli(int exit, String out, String err) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = AgentHubCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int exit = cli.execute(args);
            return new Cli(exit, out.toString(), err.toString());
        }
    }

    /** Each secret in its own owner-only file, the setting naming the file. */
    private static RunningHub secretsByFile(RunningHub hub) {
        SECRETS.forEach((key, secret) -> {
            try {
                Path file = Files.writeString(DIR.resolve(key), secret + "\n");
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
                hub.with(key, "{{file:" + file + "}}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return hub;
    }

    private static String ed25519Pkcs8() {
        try {
            return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("agent-hub-test-tls");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
