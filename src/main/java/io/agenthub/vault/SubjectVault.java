package io.agenthub.vault;

import io.agenthub.api.DataSubject;
import io.agenthub.api.PiiType;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Where the original personal values behind the tokens live: one AES-256-GCM key per data subject
 * (wrapped by the {@link MasterKey}), each value sealed under it. A value seen again for the same subject
 * gets the same token, in any request; an erased subject's key is gone, and with it every value.
 * Nothing here is cached across calls, so an erasure by another process takes effect at once.
 */
public final class SubjectVault {

    /** One value held for a subject. */
    public record Entry(String token, PiiType type, String value, Instant createdAt) {
    }

    /** What an erasure destroyed. */
    public record Erasure(boolean keyDestroyed, int values) {
    }

    private static final int MAX_ATTEMPTS = 5;

    private final JdbcTemplate jdbc;
    private final MasterKey master;
    private final Clock clock;

    public SubjectVault(DataSource dataSource, MasterKey master, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.master = master;
        this.clock = clock;
    }

    /** A subject's open key, found or made; use it for the values of one request. */
    public SubjectKey keyOf(DataSubject subject) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<SubjectKey> found = findKey(subject);
            if (found.isPresent()) {
                return found.get();
            }
            byte[] raw = MasterKey.randomKey();
            String keyId = UUID.randomUUID().toString();
            try {
                jdbc.update("INSERT INTO vault_subject_key (tenant, subject_id, key_id, wrapped_key, created_at)"
                                + " VALUES (?,?,?,?,?)", subject.tenant(), subject.subjectId(), keyId,
                        master.wrap(raw, subject + " " + keyId), now());
                return new SubjectKey(subject, keyId, raw);
            } catch (DuplicateKeyException raced) {
                // another request for the same subject made the key first; use theirs
            }
        }
        throw new VaultException("cannot create a key for subject " + subject);
    }

    /** The token for this value of this subject: the one given before, or the next of its type. */
    public String tokenFor(SubjectKey key, PiiType type, String value) {
        String mac = key.mac(type, value);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<String> known = tokenByMac(key, mac);
            if (known.isPresent()) {
                return known.get();
            }
            Integer taken = jdbc.queryForObject("SELECT COUNT(*) FROM vault_value WHERE tenant = ? AND subject_id = ?"
                    + " AND pii_type = ?", Integer.class, key.subject().tenant(), key.subject().subjectId(), type.name());
            String token = type.name() + "_" + (taken + 1);
            try {
                jdbc.update("INSERT INTO vault_value (tenant, subject_id, token, pii_type, key_id, value_mac, ciphertext,"
                                + " created_at) VALUES (?,?,?,?,?,?,?,?)", key.subject().tenant(), key.subject().subjectId(),
                        token, type.name(), key.keyId(), mac,
                        Aead.seal(key.secret(), value.getBytes(StandardCharsets.UTF_8), associatedData(key, token)), now());
                return token;
            } catch (DuplicateKeyException raced) {
                // the same value, or another value of this type, was stored by a concurrent request: look again
            }
        }
        throw new VaultException("cannot store a value for subject " + key.subject());
    }

    /** The original value behind a token, when the subject's key and the value still exist. */
    public Optional<String> reveal(DataSubject subject, String token) {
        Optional<SubjectKey> key = findKey(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("SELECT ciphertext FROM vault_value WHERE tenant = ? AND subject_id = ? AND token = ? AND key_id = ?"
                        + " AND ciphertext IS NOT NULL",
                (rs, i) -> rs.getString(1), subject.tenant(), subject.subjectId(), token, key.get().keyId())
                .stream().findFirst().map(sealed -> open(key.get(), token, sealed));
    }

    /** Everything held for a subject that can still be read, in the order it was stored. */
    public List<Entry> entries(DataSubject subject) {
        Optional<SubjectKey> key = findKey(subject);
        if (key.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT token, pii_type, ciphertext, created_at FROM vault_value WHERE tenant = ? AND subject_id = ?"
                        + " AND key_id = ? AND ciphertext IS NOT NULL ORDER BY created_at, token",
                (rs, i) -> new Entry(rs.getString(1), PiiType.valueOf(rs.getString(2)),
                        open(key.get(), rs.getString(1), rs.getString(3)), rs.getTimestamp(4).toInstant()),
                subject.tenant(), subject.subjectId(), key.get().keyId());
    }

    /**
     * Crypto-shredding: destroys the subject's key, so every value sealed under it is unreadable wherever a
     * copy survives, then clears the sealed values themselves. Their rows stay, holding only a token and a
     * type, so a later value of this subject never gets a token an old record already uses.
     */
    public Erasure erase(DataSubject subject) {
        int keys = jdbc.update("DELETE FROM vault_subject_key WHERE tenant = ? AND subject_id = ?",
                subject.tenant(), subject.subjectId());
        int values = jdbc.update("UPDATE vault_value SET ciphertext = NULL, value_mac = NULL WHERE tenant = ? AND subject_id = ?"
                + " AND ciphertext IS NOT NULL", subject.tenant(), subject.subjectId());
        return new Erasure(keys > 0, values);
    }

    /** The kinds of which some value is still held: custom recognisers' kinds among them. */
    public List<PiiType> typesHeld() {
        return jdbc.queryForList("SELECT DISTINCT pii_type FROM vault_value WHERE ciphertext IS NOT NULL", String.class)
                .stream().map(PiiType::valueOf).toList();
    }

    /** Retention: clears values stored before the cut-off; their tokens stay, now without an original. */
    public int expireValuesBefore(Instant cutOff, PiiType type) {
        return jdbc.update("UPDATE vault_value SET ciphertext = NULL, value_mac = NULL WHERE created_at < ? AND pii_type = ?"
                + " AND ciphertext IS NOT NULL", Timestamp.from(cutOff), type.name());
    }

    private Optional<SubjectKey> findKey(DataSubject subject) {
        return jdbc.query("SELECT key_id, wrapped_key FROM vault_subject_key WHERE tenant = ? AND subject_id = ?",
                        (rs, i) -> new SubjectKey(subject, rs.getString(1),
                                master.unwrap(rs.getString(2), subject + " " + rs.getString(1))),
                        subject.tenant(), subject.subjectId())
                .stream().findFirst();
    }

    private Optional<String> tokenByMac(SubjectKey key, String mac) {
        return jdbc.query("SELECT token FROM vault_value WHERE tenant = ? AND subject_id = ? AND key_id = ? AND value_mac = ?",
                (rs, i) -> rs.getString(1), key.subject().tenant(), key.subject().subjectId(), key.keyId(), mac)
                .stream().findFirst();
    }

    private static String open(SubjectKey key, String token, String sealed) {
        return new String(Aead.open(key.secret(), sealed, associatedData(key, token)), StandardCharsets.UTF_8);
    }

    private static String associatedData(SubjectKey key, String token) {
        return "value " + key.subject() + " " + token;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    /** A subject's key, open for the length of one request. */
    public static final class SubjectKey {
        private final DataSubject subject;
        private final String keyId;
        private final SecretKey secret;
        /** A separate key derived from the subject's, so the MAC and the cipher never share one. */
        private final SecretKey macKey;

        SubjectKey(DataSubject subject, String keyId, byte[] raw) {
            this.subject = subject;
            this.keyId = keyId;
            this.secret = new SecretKeySpec(raw, "AES");
            this.macKey = new SecretKeySpec(hmac(secret, "agent-hub value mac"), "HmacSHA256");
        }

        public DataSubject subject() {
            return subject;
        }

        String keyId() {
            return keyId;
        }

        SecretKey secret() {
            return secret;
        }

        /**
         * Finds a value again without keeping it in clear: an HMAC under the subject's MAC key of the value
         * with case, spacing and separators made uniform, so "4111 1111 1111 1111" and "4111-1111-1111-1111"
         * are one card.
         */
        String mac(PiiType type, String value) {
            return HexFormat.of().formatHex(hmac(macKey, type.name() + ":" + normalise(value)));
        }

        private static byte[] hmac(SecretKey key, String message) {
            try {
                Mac hmac = Mac.getInstance("HmacSHA256");
                hmac.init(key);
                return hmac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
            }
        }

        static String normalise(String value) {
            return Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                    .replaceAll("[\\s\\-./()]+", "");
        }
    }
}
