package io.agenthub.transport;

import io.agenthub.config.HubSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP server's certificate and private key, from a keystore file named by {@code hub.http.tls.keystore} and
 * opened with {@code hub.http.tls.keystore-password} (given by reference: {@code {{env:NAME}}} or
 * {@code {{file:PATH}}}). The keystore is opened once at start, so a wrong path, type or password stops the hub
 * with a sentence that says which, rather than failing the first handshake.
 *
 * @param keystore the PKCS#12 (or JKS) file holding one private key and its certificate chain
 * @param password the keystore's password, also the key's (as PKCS#12 has one)
 * @param type     {@code PKCS12} unless {@code hub.http.tls.keystore-type} says otherwise
 */
public record HttpTls(Path keystore, String password, String type) {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTls.class);

    @Override
    public String toString() {
        return "HttpTls[keystore=" + keystore + ", type=" + type + "]";  // never the password
    }

    /** The configured TLS, or empty when {@code hub.http.tls.keystore} is not set (plain HTTP). */
    public static Optional<HttpTls> from(HubSettings settings) {
        String keystore = settings.text("hub.http.tls.keystore", "");
        if (keystore.isBlank()) {
            return Optional.empty();
        }
        String password = settings.text("hub.http.tls.keystore-password", "");
        if (password.isEmpty()) {
            throw new IllegalArgumentException("hub.http.tls.keystore is set but hub.http.tls.keystore-password is empty:"
                    + " give it by reference, {{env:NAME}} or {{file:PATH}} (docs/security.md)");
        }
        return Optional.of(new HttpTls(Path.of(keystore.strip()).toAbsolutePath().normalize(), password,
                settings.text("hub.http.tls.keystore-type", "PKCS12").strip()));
    }

    /**
     * Camel's description of this TLS for its HTTP server, after opening the keystore once to check it holds a key
     * and to log which certificate the hub presents.
     */
    public SSLContextParameters parameters(CamelContext context) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setCamelContext(context);
        store.setResource("file:" + keystore);
        store.setType(type);
        store.setPassword(password);
        X509Certificate certificate = check(store);
        LOG.info("HTTPS with the certificate of {} from {} (valid until {})", certificate.getSubjectX500Principal().getName(),
                keystore, certificate.getNotAfter().toInstant());
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now())) {
            LOG.warn("The HTTPS certificate in {} expired on {}: clients will refuse it", keystore,
                    certificate.getNotAfter().toInstant());
        }
        warnIfOpenToOthers();

        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setCamelContext(context);
        keys.setKeyStore(store);
        keys.setKeyPassword(password);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setCamelContext(context);
        parameters.setKeyManagers(keys);
        return parameters;
    }

    private X509Certificate check(KeyStoreParameters store) {
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalArgumentException("hub.http.tls.keystore " + keystore + " does not exist");
        }
        KeyStore opened;
        try {
            opened = store.createKeyStore();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("hub.http.tls.keystore " + keystore + " cannot be opened as " + type
                    + ": " + e.getMessage() + " (is hub.http.tls.keystore-password its password?)");
        }
        try {
            List<String> keyEntries = Collections.list(opened.aliases()).stream().filter(alias -> isKey(opened, alias)).toList();
            if (keyEntries.size() != 1) {
                throw new IllegalArgumentException("hub.http.tls.keystore " + keystore + " holds " + keyEntries.size()
                        + " private keys; it must hold exactly one, with its certificate chain");
            }
            if (!(opened.getCertificate(keyEntries.get(0)) instanceof X509Certificate certificate)) {
                throw new IllegalArgumentException("hub.http.tls.keystore " + keystore + " has no X.509 certificate for its key");
            }
            return certificate;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("hub.http.tls.keystore " + keystore + " cannot be read: " + e.getMessage());
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The keystore is protected by its password, so a looser mode is worth a warning rather than a refusal. */
    private void warnIfOpenToOthers() {
        PosixFileAttributeView view = Files.getFileAttributeView(keystore, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("The HTTPS keystore {} is readable by other local users ({}): only its password protects the"
                        + " private key; chmod 600 it", keystore, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            // the keystore was just read, so this cannot tell anything new
        }
    }
}
