package io.agenthub.app;

import com.zaxxer.hikari.HikariDataSource;
import io.agenthub.OtherProcess;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hub started with the defaults keeps its data and keys from other local users: owner-only directories and
 * key files, a database with a password of its own, and no database server listening for other processes.
 */
class OwnerOnlyStateTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void theDataAndKeyDirectoriesAndTheKeysAreTheOwnersAlone() throws Exception {
        assertThat(hub.postRequest(request("C-1004", "My card was stolen, mail me at ann@example.org", null)).statusCode())
                .isEqualTo(200);
        Path data = hub.dataDir();
        for (String dir : new String[] {"", "db", "broker", "audit", "keys"}) {
            assertThat(mode(data.resolve(dir))).as("mode of %s/", dir).isEqualTo("rwx------");
        }
        for (String key : new String[] {"keys/db-password", "keys/vault-master-key.b64", "keys/audit-signing-key.pk8.b64"}) {
            assertThat(mode(data.resolve(key))).as("mode of %s", key).isEqualTo("rw-------");
        }
        // a new data directory has no keys at the places earlier versions used
        assertThat(data.resolve("vault/master-key.b64")).doesNotExist();
        assertThat(data.resolve("audit/signing-key.pk8.b64")).doesNotExist();
    }

    @Test
    void theDatabaseListensOnNoPortAndRefusesTheEmptyPassword() throws Exception {
        HikariDataSource pool = hub.camel().getRegistry().lookupByNameAndType("hubDataSource", HikariDataSource.class);
        assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:h2:file:" + hub.dataDir().resolve("db/agent-hub") + ";WRITE_DELAY=0")
                .doesNotContainIgnoringCase("AUTO_SERVER");
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("H2 TCP Server"));
        assertThat(hub.dataDir().resolve("db/agent-hub.lock.db")).doesNotExist();

        String password = Files.readString(hub.dataDir().resolve("keys/db-password")).strip();
        assertThat(password).hasSizeGreaterThanOrEqualTo(43);
        assertThat(pool.getUsername()).isEqualTo("sa");
        assertThat(pool.getPassword()).isEqualTo(password);
        assertThatThrownBy(() -> DriverManager.getConnection(pool.getJdbcUrl(), "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        try (Connection connection = DriverManager.getConnection(pool.getJdbcUrl(), "sa", password)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void anOfflineCommandInAnotherProcessIsToldInOneLineThatTheHubHoldsTheDatabase() throws Exception {
        OtherProcess verify = OtherProcess.cli("audit", "verify", "--data-dir", hub.dataDir().toString());

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(1);
        assertThat(verify.err().lines().filter(line -> line.startsWith("agent-hub:")))
                .containsExactly("agent-hub: the database in " + hub.dataDir() + " is in use by another process, likely the"
                        + " hub: stop it first, or run both with hub.db.shared=true (see docs/security.md)");
        assertThat(verify.err()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
