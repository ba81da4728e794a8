package io.agenthub.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 / RFC 9162 hashing with SHA-256: a leaf is {@code H(0x00 || data)} and an inner node
 * {@code H(0x01 || left || right)}, so no leaf can pass for a node (second-preimage resistance).
 */
public final class MerkleHashes {

    public static final int SIZE = 32;
    /** The root of the empty tree: the hash of no bytes. */
    public static final byte[] EMPTY_ROOT = sha256().digest();

    private MerkleHashes() {
    }

    public static byte[] leaf(byte[] data) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x00);
        return digest.digest(data);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest digest = sha256();
        digest.update((byte) 0x01);
        digest.update(left);
        return digest.digest(right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
