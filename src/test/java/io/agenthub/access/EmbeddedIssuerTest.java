package io.agenthub.access;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import io.agenthub.secrets.KeyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedIssuerTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private EmbeddedIssuer issuer() {
        return EmbeddedIssuer.load(new KeyFiles(home.resolve("keys"), home.resolve("data")), "agent-hub", "agent-hub", clock);
    }

    @Test
    void aTokenIsSignedWithTheKeyItPublishesAndSaysWhoMayDoWhatForWhichTenantsUntilWhen() throws Exception {
        EmbeddedIssuer issuer = issuer();

        SignedJWT token = SignedJWT.parse(issuer.issue("esb-1", Role.CHANNEL, List.of("demo-bank"), Duration.ofHours(1)));

        ECKey published = (ECKey) issuer.publicKeys().getKeys().get(0);
        assertThat(published.isPrivate()).isFalse();
        assertThat(token.getHeader().getKeyID()).isEqualTo(published.getKeyID());
        assertThat(token.verify(new ECDSAVerifier(published))).isTrue();
        var claims = token.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("agent-hub");
        assertThat(claims.getAudience()).containsExactly("agent-hub");
        assertThat(claims.getSubject()).isEqualTo("esb-1");
        assertThat(claims.getStringListClaim(EmbeddedIssuer.ROLES_CLAIM)).containsExactly("channel");
        assertThat(claims.getStringListClaim(EmbeddedIssuer.TENANTS_CLAIM)).containsExactly("demo-bank");
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(Instant.parse("2026-12-06T11:00:00Z"));
        assertThat(claims.getNotBeforeTime().toInstant()).isEqualTo(clock.instant());
    }

    @Test
    void theSigningKeyIsMadeOnceAndKeptForItsOwnerOnly() throws Exception {
        String first = issuer().publicKeys().getKeys().get(0).getKeyID();

        assertThat(issuer().publicKeys().getKeys().get(0).getKeyID()).isEqualTo(first);
        Path file = home.resolve("keys").resolve(EmbeddedIssuer.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aTokenWithoutATenantOrLivingLongerThanADayIsRefused() {
        assertThatThrownBy(() -> issuer().issue("x", Role.REVIEWER, List.of(), Duration.ofHours(1)))
                .hasMessageContaining("tenant");
        assertThatThrownBy(() -> issuer().issue("x", Role.REVIEWER, List.of("demo-bank"), Duration.ofHours(25)))
                .hasMessageContaining("24 hours");
        assertThatThrownBy(() -> Role.of("admin")).hasMessageContaining("channel, reviewer, approver, compliance, operator");
    }
}
