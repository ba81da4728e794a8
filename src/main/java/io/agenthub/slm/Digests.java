package io.agenthub.slm;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The one digest format of model artefacts: {@code sha256:<hex>}. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(java.nio.file.Path file) throws java.io.IOException {
        return sha256(java.nio.file.Files.readAllBytes(file));
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
