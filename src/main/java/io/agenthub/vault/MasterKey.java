package io.agenthub.vault;

import io.agenthub.secrets.KeyFiles;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that wraps every data subject's key. From {@code hub.vault.master-key} (base64 of 32 bytes;
 * production: from a secret store or KMS, through an environment variable), otherwise made on the
 * embedded hub's first start and kept in the key directory ({@link KeyFiles}), readable by its owner only.
 */
public final class MasterKey {

    static final String FILE = "vault-master-key.b64";
    /** Where hubs before the key directory kept it, under the data directory. */
    static final String OLD_FILE = "vault/master-key.b64";
    private static final int KEY_BYTES = 32;

    private final SecretKey key;

    private MasterKey(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("the vault master key must be " + KEY_BYTES + " bytes (base64), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public static MasterKey of(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // not the decoder's message, nor it as a cause: it quotes the offending character of the key
            throw new IllegalArgumentException("hub.vault.master-key is not valid: not base64");
        }
        return new MasterKey(raw);
    }

    /** The configured key, else the one in the key directory, made there on the hub's first start. */
    public static MasterKey load(String configured, KeyFiles keys) {
        if (configured != null && !configured.isBlank()) {
            return of(configured);
        }
        return of(keys.readOrCreate(FILE, OLD_FILE, () -> Base64.getEncoder().encodeToString(randomKey())));
    }

    /** The key a hub has been using, for offline commands: never makes one. */
    public static MasterKey existing(String configured, KeyFiles keys) {
        if (configured != null && !configured.isBlank()) {
            return of(configured);
        }
        return of(keys.existing(FILE, OLD_FILE).orElseThrow(() -> new IllegalArgumentException(
                "no vault master key: set hub.vault.master-key as the hub has it, or point --data-dir (and hub.keys-dir)"
                        + " at the hub's (" + keys.locate(FILE, OLD_FILE) + " not found)")));
    }

    static byte[] randomKey() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return raw;
    }

    /**
     * A key for another purpose, derived from this one (HMAC-SHA256 of the purpose's name), so that one secret
     * kept safely serves several uses without any of them revealing the others.
     */
    public SecretKey derive(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(("agent-hub " + purpose).getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    String wrap(byte[] subjectKey, String subject) {
        return Aead.seal(key, subjectKey, "subject-key " + subject);
    }

    byte[] unwrap(String wrapped, String subject) {
        return Aead.open(key, wrapped, "subject-key " + subject);
    }
}
