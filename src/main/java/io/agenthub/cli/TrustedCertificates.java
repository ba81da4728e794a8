package io.agenthub.cli;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

/**
 * The certificates a command trusts when it calls an https:// hub: the hub's own certificate (self-signed or not) or
 * the CA that signed it, from a PEM or DER file an operator passes with {@code --ca-cert}. Only a certificate is
 * needed, never the hub's keystore or its password.
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    static SSLContext sslContext(Path file) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(file)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--ca-cert " + file + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--ca-cert " + file + " is not a PEM or DER certificate: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("--ca-cert " + file + " holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }
}
