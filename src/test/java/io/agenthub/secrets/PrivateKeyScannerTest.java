package io.agenthub.secrets;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner behind {@link NoPrivateKeysIT}, on keys made here: each kind is found, public halves are not. */
class PrivateKeyScannerTest {

    @Test
    void findsPemPrivateKeysOfEveryFlavour() throws Exception {
        byte[] pkcs8 = generate("RSA").getPrivate().getEncoded();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs8)
                + "\n-----END PRIVATE KEY-----\n";

        assertThat(kinds("key.pem", pem)).containsExactly("PEM private key");
        assertThat(kinds("id", pem.replace("PRIVATE KEY", "OPENSSH PRIVATE KEY"))).containsExactly("PEM private key");
        assertThat(kinds("ec.pem", pem.replace("PRIVATE KEY", "EC PRIVATE KEY"))).containsExactly("PEM private key");
        assertThat(kinds("legacy.pem", pem.replace("PRIVATE KEY-----\n", "PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n"))).containsExactly("PEM private key");
        // inside a JSON string, as a cloud service-account file carries it: line ends written as backslash and n
        String json = "{\"private_key\": \"" + pem.replace("\n", "\\n") + "\"}";
        assertThat(kinds("service-account.json", json)).containsExactly("PEM private key");
    }

    @Test
    void aPemHeaderWithoutABodyIsNoKey() {
        // what code that builds a PEM holds, this test's own source included
        assertThat(kinds("Pem.java", "String header = \"-----BEGIN PRIVATE KEY-----\\n\" + body;")).isEmpty();
    }

    @Test
    void findsBase64Pkcs8KeysAsTheHubsSettingsHoldThem() throws Exception {
        String ed25519 = Base64.getEncoder().encodeToString(generate("Ed25519").getPrivate().getEncoded());
        String ec = Base64.getUrlEncoder().withoutPadding().encodeToString(generate("EC").getPrivate().getEncoded());

        assertThat(kinds("hub.properties", "hub.audit.signing-key=" + ed25519 + "\n")).containsExactly("base64 PKCS#8 private key");
        assertThat(kinds("notes.md", "`" + ec + "`")).containsExactly("base64 PKCS#8 private key");
    }

    @Test
    void findsPkcs1AndSec1KeysInBase64AndRawDer() throws Exception {
        byte[] pkcs1 = PrivateKeyInfo.getInstance(generate("RSA").getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();
        byte[] sec1 = PrivateKeyInfo.getInstance(generate("EC").getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded();

        assertThat(kinds("rsa.txt", Base64.getEncoder().encodeToString(pkcs1))).containsExactly("base64 PKCS#1 RSA private key");
        assertThat(kinds("ec.txt", Base64.getEncoder().encodeToString(sec1))).containsExactly("base64 SEC1 EC private key");
        assertThat(PrivateKeyScanner.scan("key.der", generate("EC").getPrivate().getEncoded()))
                .extracting(PrivateKeyScanner.Finding::kind).containsExactly("DER PKCS#8 private key");
    }

    @Test
    void findsAJwkWithItsPrivateMemberButNotItsPublicHalf() throws Exception {
        ECKey jwk = new ECKeyGenerator(Curve.P_256).keyID("token-signing").generate();

        assertThat(kinds("issuer.jwk", jwk.toJSONString())).containsExactly("JWK with a private \"d\" member");
        assertThat(kinds("jwks.json", "{\"keys\":[" + jwk.toPublicJWK().toJSONString() + "]}")).isEmpty();
    }

    @Test
    void findsKeystoresByTheirContentAndByTheirName() throws Exception {
        char[] password = "changeit".toCharArray();
        KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
        pkcs12.load(null, null);
        pkcs12.setEntry("k", new KeyStore.SecretKeyEntry(new SecretKeySpec(new SecureRandom().generateSeed(32), "AES")),
                new KeyStore.PasswordProtection(password));
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);

        assertThat(PrivateKeyScanner.scan("hub-tls.bin", stored(pkcs12, password)))
                .extracting(PrivateKeyScanner.Finding::kind).containsExactly("PKCS#12 keystore");
        assertThat(PrivateKeyScanner.scan("trust.bin", stored(jks, password)))
                .extracting(PrivateKeyScanner.Finding::kind).containsExactly("Java keystore");
        assertThat(kinds("server.p12", "")).containsExactly("keystore file by its name");
    }

    @Test
    void publicKeysCertificatesAndRandomBase64AreNotFindings() throws Exception {
        String publicKey = Base64.getEncoder().encodeToString(generate("Ed25519").getPublic().getEncoded());
        String random = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(96));

        assertThat(kinds("audit/public-key.x509.b64", publicKey)).isEmpty();
        assertThat(kinds("values.txt", random + "\n" + "{\"d\": \"" + "a".repeat(40) + "\"}")).isEmpty();
        assertThat(kinds("cert.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")).isEmpty();
    }

    private static java.util.List<String> kinds(String name, String text) {
        return PrivateKeyScanner.scan(name, text.getBytes(StandardCharsets.UTF_8)).stream().map(PrivateKeyScanner.Finding::kind).toList();
    }

    private static KeyPair generate(String algorithm) throws Exception {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    private static byte[] stored(KeyStore store, char[] password) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, password);
        return out.toByteArray();
    }
}
