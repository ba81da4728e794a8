package io.agenthub.cli;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCliTest {

    @TempDir
    Path dataDir;

    @Test
    void printsASignedTokenForTheRoleAndTenantsAsItsLastLine() throws Exception {
        CliRun cli = new CliRun();

        int exit = cli.run("token", "--data-dir", dataDir.toString(), "--role", "channel", "--tenant", "demo-bank",
                "--subject", "esb-1", "--ttl", "30m");

        assertThat(exit).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        var claims = SignedJWT.parse(lines.get(lines.size() - 1)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("esb-1");
        assertThat(claims.getStringListClaim("tenants")).containsExactly("demo-bank");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(dataDir.resolve("keys/token-signing-key.jwk")).exists();
    }

    @Test
    void givesOnePersonSeveralRolesSeparatedByCommas() throws Exception {
        CliRun cli = new CliRun();

        int exit = cli.run("token", "--data-dir", dataDir.toString(), "--role", "approver,reviewer", "--subject", "alice",
                "--tenant", "demo-bank");

        assertThat(exit).as(cli.err()).isZero();
        List<String> lines = cli.out().lines().toList();
        var claims = SignedJWT.parse(lines.get(lines.size() - 1)).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaim("roles")).containsExactly("approver", "reviewer");

        CliRun unnamed = new CliRun();
        assertThat(unnamed.run("token", "--data-dir", dataDir.toString(), "--role", "approver,reviewer", "--tenant", "demo-bank"))
                .isZero();
        List<String> unnamedLines = unnamed.out().lines().toList();
        assertThat(SignedJWT.parse(unnamedLines.get(unnamedLines.size() - 1)).getJWTClaimsSet().getSubject())
                .isEqualTo("reviewer+approver");

        CliRun wrong = new CliRun();
        assertThat(wrong.run("token", "--data-dir", dataDir.toString(), "--role", "approver,admin", "--tenant", "demo-bank"))
                .isEqualTo(1);
        assertThat(wrong.err()).contains("unknown role 'admin'");
    }

    @Test
    void anUnknownRoleABadLifetimeAndAnExternalIssuerAreRefusedInOneLine() throws Exception {
        CliRun cli = new CliRun();
        assertThat(cli.run("token", "--data-dir", dataDir.toString(), "--role", "admin", "--tenant", "demo-bank")).isEqualTo(1);
        assertThat(cli.err()).contains("unknown role 'admin'").doesNotContain("Exception");

        assertThat(cli.run("token", "--data-dir", dataDir.toString(), "--role", "channel", "--tenant", "demo-bank",
                "--ttl", "forever")).isEqualTo(1);
        assertThat(cli.err()).contains("--ttl 'forever'");

        assertThat(cli.run("token", "--data-dir", dataDir.toString(), "--role", "channel", "--tenant", "no-such-bank")).isEqualTo(1);
        assertThat(cli.err()).contains("no tenant 'no-such-bank'").contains("demo-bank");

        Path config = Files.writeString(dataDir.resolve("external.properties"), "hub.auth.issuer-url=https://idp.example/realms/bank\\n");
        assertThat(cli.run("token", "--data-dir", dataDir.toString(), "--config", config.toString(), "--role", "channel",
                "--tenant", "demo-bank")).isEqualTo(1);
        assertThat(cli.err()).contains("takes its tokens from https://idp.example/realms/bank");
        assertThat(cli.out()).isEmpty();
    }
}
