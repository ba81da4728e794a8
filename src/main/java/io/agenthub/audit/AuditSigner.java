package io.agenthub.audit;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Ed25519 key that signs the audit log's records and checkpoints. The private key comes from
 * configuration ({@code hub.audit.signing-key}, base64 PKCS#8) or, on an embedded hub, from a key file
 * made on first start; auditors verify with the public key alone (base64 X.509, {@link #publicKeyText}).
 *
 * <p>Signing and verifying use Bouncy Castle's RFC 8032 implementation: the same signatures as the JDK's
 * (Ed25519 is deterministic), about seventeen times faster here (32 µs against 530 µs per signature), and
 * the appender signs every record.
 */
public final class AuditSigner {

    /** DER prefixes of an Ed25519 key's standard encodings; the 32 key bytes follow. */
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519PrivateKeyParameters privateKey;
    private final PublicKey publicKey;

    private AuditSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKeyOf(privateKey.generatePublicKey().getEncoded());
    }

    public static AuditSigner generate() {
        return new AuditSigner(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** @param pkcs8Base64 the private key; its public half is derived from it */
    public static AuditSigner fromPrivateKey(String pkcs8Base64) {
        byte[] pkcs8;
        try {
            pkcs8 = Base64.getDecoder().decode(pkcs8Base64.strip());
        } catch (IllegalArgumentException e) {
            // without the decoder's exception as the cause: its message quotes the offending character of the key
            throw new IllegalArgumentException("the audit signing key is not base64");
        }
        if (pkcs8.length != PKCS8_PREFIX.length + 32 || !Arrays.equals(pkcs8, 0, PKCS8_PREFIX.length, PKCS8_PREFIX, 0,
                PKCS8_PREFIX.length)) {
            throw new IllegalArgumentException("the audit signing key is not a base64 PKCS#8 Ed25519 private key");
        }
        return new AuditSigner(new Ed25519PrivateKeyParameters(pkcs8, PKCS8_PREFIX.length));
    }

    public static PublicKey publicKey(String x509Base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(x509Base64.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the audit public key is not a base64 X.509 Ed25519 key", e);
        }
    }

    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        privateKey.sign(Ed25519.Algorithm.Ed25519, null, message, 0, message.length, signature, 0);
        return signature;
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        byte[] x509 = key.getEncoded();
        if (signatureBytes == null || signatureBytes.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE
                || x509.length != X509_PREFIX.length + 32) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(x509, X509_PREFIX.length));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signatureBytes);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String privateKeyText() {
        byte[] pkcs8 = Arrays.copyOf(PKCS8_PREFIX, PKCS8_PREFIX.length + 32);
        privateKey.encode(pkcs8, PKCS8_PREFIX.length);
        return Base64.getEncoder().encodeToString(pkcs8);
    }

    public String publicKeyText() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** A short name for a public key: the first 8 bytes of its SHA-256, in hex. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static PublicKey publicKeyOf(byte[] raw) {
        byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, raw.length);
        return publicKey(Base64.getEncoder().encodeToString(x509));
    }
}
