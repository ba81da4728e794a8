package io.agenthub.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test time with the JDK's keytool (no key is ever
 * committed): the hub's PKCS#12 keystore, its password in an owner-only file for {@code {{file:...}}}, and the
 * certificate alone in PEM, which is what a client trusts.
 *
 * @param keystore     the PKCS#12 keystore (key and certificate)
 * @param password     its password
 * @param passwordFile the password, with a line end as {@code echo} leaves it, mode 0600
 * @param certificate  the certificate in PEM
 */
public record TestCertificate(Path keystore, String password, Path passwordFile, Path certificate) {

    public static TestCertificate generate(Path dir) {
        try {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            Path keystore = dir.resolve("hub-tls.p12");
            Path certificate = dir.resolve("hub-tls.pem");
            keytool(password, "-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass:env", "STOREPASS");
            keytool(password, "-exportcert", "-rfc", "-alias", "hub", "-keystore", keystore.toString(),
                    "-storepass:env", "STOREPASS", "-file", certificate.toString());
            Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
            Path passwordFile = Files.writeString(dir.resolve("hub-tls-password"), password + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            return new TestCertificate(keystore, password, passwordFile, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context that trusts this certificate alone. */
    public SSLContext trustingClient() {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (Certificate each : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("hub", each);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** keytool from the JDK running the tests; the password reaches it through its environment, not its arguments. */
    private static void keytool(String password, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STOREPASS", password);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while keytool ran", e);
        }
    }
}
