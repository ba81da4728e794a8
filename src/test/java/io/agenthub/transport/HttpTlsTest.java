package io.agenthub.transport;

import io.agenthub.app.HubLauncher;
import io.agenthub.app.HubOptions;
import io.agenthub.testing.TestCertificate;
import org.apache.camel.main.Main;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A TLS setting that cannot work stops the hub at start, with a sentence that says which and never the password. */
class HttpTlsTest {

    @TempDir
    Path dir;

    @Test
    void aWrongKeystorePasswordStopsTheHubNamingTheSettings() throws IOException {
        TestCertificate certificate = TestCertificate.generate(dir);
        Path wrong = secretFile("wrong-password", "not-" + certificate.password(), "rw-------");

        Main hub = hub(certificate.keystore(), "{{file:" + wrong + "}}");

        assertThatThrownBy(hub::start).hasStackTraceContaining("hub.http.tls.keystore " + certificate.keystore()
                        + " cannot be opened as PKCS12")
                .hasStackTraceContaining("is hub.http.tls.keystore-password its password?")
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(certificate.password()));
    }

    @Test
    void aMissingKeystoreOrAnEmptyPasswordStopsTheHub() throws IOException {
        Path missing = dir.resolve("missing.p12");
        Path password = secretFile("password", "secret-enough", "rw-------");

        assertThatThrownBy(hub(missing, "{{file:" + password + "}}")::start)
                .hasStackTraceContaining("hub.http.tls.keystore " + missing + " does not exist");
        assertThatThrownBy(hub(missing, "")::start)
                .hasStackTraceContaining("hub.http.tls.keystore-password is empty: give it by reference");
    }

    @Test
    void aPasswordFileOtherUsersMayReadStopsTheHub() throws IOException {
        TestCertificate certificate = TestCertificate.generate(dir);
        Files.setPosixFilePermissions(certificate.passwordFile(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(hub(certificate.keystore(), "{{file:" + certificate.passwordFile() + "}}")::start)
                .hasStackTraceContaining("secret file " + certificate.passwordFile() + " is open to other local users");
    }

    @Test
    void onlyLoopbackAddressesCountAsLoopback() {
        assertThat(HttpListeners.onLoopback("127.0.0.1")).isTrue();
        assertThat(HttpListeners.onLoopback("::1")).isTrue();
        assertThat(HttpListeners.onLoopback("localhost")).isTrue();
        assertThat(HttpListeners.onLoopback("0.0.0.0")).isFalse();
        assertThat(HttpListeners.onLoopback("::")).isFalse();
        assertThat(HttpListeners.onLoopback("192.0.2.10")).isFalse();
        assertThat(HttpListeners.onLoopback("")).isFalse();
    }

    private Main hub(Path keystore, String password) {
        Main main = HubLauncher.create(new HubOptions(AvailablePortFinder.getNextAvailable(), dir.resolve("data"), null, null,
                false, false));
        main.addOverrideProperty("hub.http.tls.keystore", keystore.toString());
        main.addOverrideProperty("hub.http.tls.keystore-password", password);
        return main;
    }

    private Path secretFile(String name, String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
