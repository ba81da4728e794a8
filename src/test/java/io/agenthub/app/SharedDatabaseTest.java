package io.agenthub.app;

import io.agenthub.OtherProcess;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With hub.db.shared the hub's database answers other processes on loopback, so offline commands run beside
 * the hub; what stands between them and another local user is the owner-only directory that holds the lock
 * file (with the server's address and key) and the database's own password.
 */
class SharedDatabaseTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub().with("hub.db.shared", "true");

    private static final String SHARED = Path.of("src/test/resources/shared-database.properties").toAbsolutePath().toString();

    @Test
    void theServerIsReachedOnlyThroughAnOwnerOnlyDirectoryAndWithTheHubsPassword() throws Exception {
        Path lockFile = hub.dataDir().resolve("db/agent-hub.lock.db");
        assertThat(lockFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile.getParent()))).isEqualTo("rwx------");
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(lockFile)) {
            lock.load(in);
        }
        // what a process that could read the lock file would do
        String overTcp = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");

        assertThatThrownBy(() -> DriverManager.getConnection(overTcp, "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        String password = Files.readString(hub.dataDir().resolve("keys/db-password")).strip();
        try (Connection connection = DriverManager.getConnection(overTcp, "sa", password)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void anOfflineCommandInAnotherProcessReadsTheRunningHubsDatabase() throws Exception {
        assertThat(hub.postRequest(request("C-1001", "I lost my card", null)).statusCode()).isEqualTo(200);

        OtherProcess verify = OtherProcess.cli("audit", "verify", "--data-dir", hub.dataDir().toString(), "--config", SHARED);

        assertThat(verify.exitCode()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("audit log verifies");
    }
}
