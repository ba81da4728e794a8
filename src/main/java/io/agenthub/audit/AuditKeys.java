package io.agenthub.audit;

import io.agenthub.secrets.KeyFiles;
import io.agenthub.secrets.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;

/**
 * Where the audit signing key comes from: {@code hub.audit.signing-key} when configured (production: from
 * a secret store, through an environment variable), otherwise a key made on the embedded hub's first
 * start and kept in the key directory. Its public half is kept with the data, for auditors.
 */
public final class AuditKeys {

    static final String PRIVATE_FILE = "audit-signing-key.pk8.b64";
    /** Where hubs before the key directory kept the private key, under the data directory. */
    static final String OLD_PRIVATE_FILE = "audit/signing-key.pk8.b64";
    static final String PUBLIC_FILE = "audit/public-key.x509.b64";

    private AuditKeys() {
    }

    public static AuditSigner signer(String configured, KeyFiles keys) {
        if (configured != null && !configured.isBlank()) {
            return AuditSigner.fromPrivateKey(configured);
        }
        AuditSigner signer = AuditSigner.fromPrivateKey(
                keys.readOrCreate(PRIVATE_FILE, OLD_PRIVATE_FILE, () -> AuditSigner.generate().privateKeyText()));
        Path publicFile = keys.dataDir().resolve(PUBLIC_FILE);
        try {
            String published = signer.publicKeyText() + "\n";
            if (!Files.isRegularFile(publicFile) || !Files.readString(publicFile, StandardCharsets.US_ASCII).equals(published)) {
                OwnerOnly.directory(publicFile.getParent());
                Files.writeString(publicFile, published, StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit public key " + publicFile, e);
        }
        return signer;
    }

    /**
     * The key an auditor verifies with: the one given, else the public half of the configured signing key,
     * else the embedded hub's public key file.
     */
    public static PublicKey verifyingKey(String given, String configuredSigningKey, Path dataDir) {
        if (given != null && !given.isBlank()) {
            return AuditSigner.publicKey(given);
        }
        if (configuredSigningKey != null && !configuredSigningKey.isBlank()) {
            return AuditSigner.fromPrivateKey(configuredSigningKey).publicKey();
        }
        Path publicFile = dataDir.resolve(PUBLIC_FILE);
        try {
            return AuditSigner.publicKey(Files.readString(publicFile));
        } catch (IOException e) {
            throw new IllegalArgumentException("no audit public key: pass --public-key, or set hub.audit.signing-key, or"
                    + " point --data-dir at a hub's data directory (" + publicFile + " not found)");
        }
    }
}
