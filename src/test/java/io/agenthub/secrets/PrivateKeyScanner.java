package io.agenthub.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds private keys in a file's bytes, whatever the file: PEM private key blocks (PKCS#8, PKCS#1, SEC1, OpenSSH,
 * PGP), JSON Web Keys with a private {@code "d"} member, PKCS#12 and Java keystores, and private keys as bare base64
 * or base64url DER (PKCS#8 of any algorithm, Ed25519 and EC included; PKCS#1 RSA; SEC1 EC), the form the hub's own
 * settings take ({@code hub.audit.signing-key}). Public keys and certificates are not findings.
 */
final class PrivateKeyScanner {

    /** What was found, and where in the file (a byte offset for text, 0 for a whole binary file). */
    record Finding(String kind, int offset) {
    }

    /** A line end inside a PEM: a real one, or the characters backslash and n (r) inside a JSON or Java string. */
    private static final String PEM_LINE_END = "(?:(?:\\\\r)?\\\\n|\\r?\\n)";
    /**
     * A PEM private key block: its header, then (after any "Name: value" header lines, as legacy encrypted keys have)
     * its base64 body, the lines broken by real line ends or by the two characters backslash and n (a PEM inside a
     * JSON string, as cloud service-account files hold it). A header alone, as code that builds a PEM writes it, is
     * not a key.
     */
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----" + PEM_LINE_END
            + "(?:[A-Za-z-]+: [^\\r\\n\\\\]*" + PEM_LINE_END + ")*" + PEM_LINE_END + "?[A-Za-z0-9+/=]{16,}");
    private static final Pattern JWK_PRIVATE = Pattern.compile("\"d\"\\s*:\\s*\"[A-Za-z0-9_-]{16,}");
    private static final Pattern JWK_TYPE = Pattern.compile("\"kty\"\\s*:");
    /** Runs long enough to hold the shortest private key: a bare SEC1 P-256 key, 39 bytes, is 52 characters. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/_-]{44,}={0,2}");
    private static final byte[] JKS_MAGIC = {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED};
    private static final byte[] JCEKS_MAGIC = {(byte) 0xCE, (byte) 0xCE, (byte) 0xCE, (byte) 0xCE};
    /** OID 1.2.840.113549.1.7.1 (PKCS#7 data), the authSafe of every PKCS#12 file. */
    private static final byte[] PKCS7_DATA = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x01};

    private PrivateKeyScanner() {
    }

    static List<Finding> scan(String name, byte[] content) {
        List<Finding> findings = new ArrayList<>();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".p12") || lower.endsWith(".pfx") || lower.endsWith(".jks") || lower.endsWith(".keystore")) {
            findings.add(new Finding("keystore file by its name", 0));
        }
        if (startsWith(content, JKS_MAGIC) || startsWith(content, JCEKS_MAGIC)) {
            findings.add(new Finding("Java keystore", 0));
        } else if (isPkcs12(content)) {
            findings.add(new Finding("PKCS#12 keystore", 0));
        } else if (privateKeyDer(content) != null) {
            findings.add(new Finding("DER " + privateKeyDer(content), 0));
        }
        // Latin-1 maps every byte to one char, so offsets are byte offsets and binary files scan safely.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            findings.add(new Finding("PEM private key", pem.start()));
        }
        if (JWK_TYPE.matcher(text).find()) {
            Matcher jwk = JWK_PRIVATE.matcher(text);
            while (jwk.find()) {
                findings.add(new Finding("JWK with a private \"d\" member", jwk.start()));
            }
        }
        Matcher run = BASE64_RUN.matcher(text);
        while (run.find()) {
            String kind = privateKeyDer(decode(run.group()));
            if (kind != null) {
                findings.add(new Finding("base64 " + kind, run.start()));
            }
        }
        return findings;
    }

    private static byte[] decode(String run) {
        try {
            return run.indexOf('-') >= 0 || run.indexOf('_') >= 0
                    ? Base64.getUrlDecoder().decode(run.replace("=", ""))
                    : Base64.getDecoder().decode(run);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** PFX: SEQUENCE { INTEGER 3, SEQUENCE { OID pkcs7-data, ... }, ... }. */
    private static boolean isPkcs12(byte[] der) {
        Der outer = Der.at(der, 0);
        if (outer == null || outer.tag != 0x30) {
            return false;
        }
        Der version = Der.at(der, outer.contentStart);
        if (version == null || version.tag != 0x02 || version.length != 1 || der[version.contentStart] != 3) {
            return false;
        }
        Der authSafe = Der.at(der, version.end());
        return authSafe != null && authSafe.tag == 0x30 && startsWith(der, authSafe.contentStart, PKCS7_DATA);
    }

    /** The kind of private key {@code der} encodes exactly (nothing after it), or null. */
    private static String privateKeyDer(byte[] der) {
        Der outer = Der.at(der, 0);
        if (outer == null || outer.tag != 0x30 || outer.end() != der.length) {
            return null;
        }
        Der version = Der.at(der, outer.contentStart);
        if (version == null || version.tag != 0x02 || version.length != 1) {
            return null;
        }
        Der next = Der.at(der, version.end());
        if (next == null) {
            return null;
        }
        int v = der[version.contentStart];
        if ((v == 0 || v == 1) && next.tag == 0x30) {
            Der oid = Der.at(der, next.contentStart);
            Der key = Der.at(der, next.end());
            return oid != null && oid.tag == 0x06 && key != null && key.tag == 0x04 ? "PKCS#8 private key" : null;
        }
        if (v == 0 && next.tag == 0x02 && next.length >= 64) {
            return "PKCS#1 RSA private key";
        }
        if (v == 1 && next.tag == 0x04 && next.length >= 20 && next.length <= 66) {
            return "SEC1 EC private key";
        }
        return null;
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return startsWith(content, 0, prefix);
    }

    private static boolean startsWith(byte[] content, int at, byte[] prefix) {
        if (at < 0 || content.length - at < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** One DER tag-length header, its content inside the buffer. */
    private record Der(int tag, int contentStart, int length) {

        int end() {
            return contentStart + length;
        }

        static Der at(byte[] der, int offset) {
            if (offset < 0 || offset + 2 > der.length) {
                return null;
            }
            int tag = der[offset] & 0xFF;
            int first = der[offset + 1] & 0xFF;
            int at = offset + 2;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7F;
                if (octets == 0 || octets > 3 || at + octets > der.length) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            return at + length <= der.length ? new Der(tag, at, length) : null;
        }
    }
}
