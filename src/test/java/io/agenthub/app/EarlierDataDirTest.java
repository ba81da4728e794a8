package io.agenthub.app;

import com.zaxxer.hikari.HikariDataSource;
import io.agenthub.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.agenthub.RunningHub.json;
import static io.agenthub.RunningHub.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data directory left by an earlier version (database user sa with an empty password, keys under the data
 * directory, everything readable by others) keeps working: the database gets a password of its own, the keys
 * stay where they are, and the directories and keys are tightened to their owner.
 */
class EarlierDataDirTest {

    @RegisterExtension
    static RunningHub hub = new RunningHub();

    @Test
    void isLockedDownOnStartAndKeepsItsDataAndKeys() throws Exception {
        String before = json(hub.postRequest(request("C-1004", "My card was stolen, mail me at ann@example.org", null)).body())
                .path("requestId").asText();
        String stored = hub.get("/api/v1/requests/" + before).body();
        hub.stop();
        Path data = hub.dataDir();
        String publicKey = Files.readString(data.resolve("audit/public-key.x509.b64"));
        asAnEarlierVersionLeftIt(data);

        hub.start();

        assertThat(hub.get("/api/v1/requests/" + before).body()).isEqualTo(stored);
        assertThat(hub.postRequest(request("C-1004", "Card stolen again, mail me at ann@example.org", null)).statusCode())
                .isEqualTo(200);
        HikariDataSource pool = hub.camel().getRegistry().lookupByNameAndType("hubDataSource", HikariDataSource.class);
        assertThat(pool.getPassword()).isNotEmpty().isEqualTo(Files.readString(data.resolve("keys/db-password")).strip());
        assertThatThrownBy(() -> DriverManager.getConnection(pool.getJdbcUrl(), "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(28000));
        // the keys it had are the keys it uses: none made anew
        assertThat(data.resolve("keys/vault-master-key.b64")).doesNotExist();
        assertThat(data.resolve("keys/audit-signing-key.pk8.b64")).doesNotExist();
        assertThat(Files.readString(data.resolve("audit/public-key.x509.b64"))).isEqualTo(publicKey);
        for (String dir : new String[] {"", "db", "vault", "audit", "keys"}) {
            assertThat(mode(data.resolve(dir))).as("mode of %s/", dir).isEqualTo("rwx------");
        }
        for (String key : new String[] {"vault/master-key.b64", "audit/signing-key.pk8.b64", "keys/db-password"}) {
            assertThat(mode(data.resolve(key))).as("mode of %s", key).isEqualTo("rw-------");
        }
    }

    /** The layout and modes of a data directory before the key directory and the database password. */
    private static void asAnEarlierVersionLeftIt(Path data) throws IOException, SQLException {
        new JdbcTemplate(hub.database()).execute("SET PASSWORD ''");
        Files.createDirectories(data.resolve("vault"));
        Files.move(data.resolve("keys/vault-master-key.b64"), data.resolve("vault/master-key.b64"));
        Files.move(data.resolve("keys/audit-signing-key.pk8.b64"), data.resolve("audit/signing-key.pk8.b64"));
        Files.delete(data.resolve("keys/db-password"));
        // earlier versions signed no tokens
        Files.delete(data.resolve("keys/token-signing-key.jwk"));
        Files.delete(data.resolve("keys"));
        for (String dir : new String[] {"", "db", "vault", "audit"}) {
            Files.setPosixFilePermissions(data.resolve(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        for (String key : new String[] {"vault/master-key.b64", "audit/signing-key.pk8.b64"}) {
            Files.setPosixFilePermissions(data.resolve(key), PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/agent-hub"), "sa", "x").close())
                .isInstanceOf(SQLException.class);
        DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/agent-hub"), "sa", "").close();
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
