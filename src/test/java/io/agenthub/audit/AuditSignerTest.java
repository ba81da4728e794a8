package io.agenthub.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit key's signatures are plain RFC 8032 Ed25519: the JDK verifies them, and reads and writes its keys. */
class AuditSignerTest {

    private static final byte[] MESSAGE = "agent-hub audit record v1\n".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signaturesVerifyWithTheJdkAndKeysRoundTrip() throws Exception {
        AuditSigner signer = AuditSigner.generate();
        byte[] signature = signer.sign(MESSAGE);

        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initVerify(AuditSigner.publicKey(signer.publicKeyText()));
        jdk.update(MESSAGE);
        assertThat(jdk.verify(signature)).isTrue();
        assertThat(AuditSigner.verify(signer.publicKey(), MESSAGE, signature)).isTrue();
        assertThat(AuditSigner.fromPrivateKey(signer.privateKeyText()).publicKeyText()).isEqualTo(signer.publicKeyText());
    }

    @Test
    void aKeyMadeByTheJdkSignsAsTheJdkDoes() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(MESSAGE);

        AuditSigner signer = AuditSigner.fromPrivateKey(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));

        assertThat(signer.sign(MESSAGE)).isEqualTo(jdk.sign());
        assertThat(signer.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void aTamperedMessageOrSignatureOrAnotherKeyFails() {
        AuditSigner signer = AuditSigner.generate();
        byte[] signature = signer.sign(MESSAGE);
        byte[] flipped = signature.clone();
        flipped[5] ^= 1;

        assertThat(AuditSigner.verify(signer.publicKey(), "other".getBytes(StandardCharsets.US_ASCII), signature)).isFalse();
        assertThat(AuditSigner.verify(signer.publicKey(), MESSAGE, flipped)).isFalse();
        assertThat(AuditSigner.verify(AuditSigner.generate().publicKey(), MESSAGE, signature)).isFalse();
        assertThat(AuditSigner.verify(signer.publicKey(), MESSAGE, new byte[3])).isFalse();
        assertThatThrownBy(() -> AuditSigner.fromPrivateKey("bm90IGEga2V5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditSigner.fromPrivateKey("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
