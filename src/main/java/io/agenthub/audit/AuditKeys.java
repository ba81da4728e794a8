package io.agenthub.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;

/**
 * Where the audit signing key comes from: {@code hub.audit.signing-key} when configured (production: from
 * a secret store, through an environment variable), otherwise a key made on the embedded hub's first
 * start and kept under the data directory, beside its public half for auditors.
 */
public final class AuditKeys {

    static final String PRIVATE_FILE = "audit/signing-key.pk8.b64";
    static final String PUBLIC_FILE = "audit/public-key.x509.b64";

    private AuditKeys() {
    }

    public static AuditSigner signer(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return AuditSigner.fromPrivateKey(configured);
        }
        Path privateFile = dataDir.resolve(PRIVATE_FILE);
        try {
            if (Files.isRegularFile(privateFile)) {
                return AuditSigner.fromPrivateKey(Files.readString(privateFile));
            }
            AuditSigner made = AuditSigner.generate();
            Files.createDirectories(privateFile.getParent());
            Files.writeString(privateFile, made.privateKeyText() + "\n", StandardCharsets.US_ASCII);
            restrictToOwner(privateFile);
            Files.writeString(dataDir.resolve(PUBLIC_FILE), made.publicKeyText() + "\n", StandardCharsets.US_ASCII);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key under " + dataDir, e);
        }
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

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions protect it.
        }
    }
}
