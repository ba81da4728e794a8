package io.agenthub.app;

import io.agenthub.config.HubSettings;
import io.agenthub.store.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database, user and password the hub and its offline commands open, from the same settings. */
class DatabaseSettingsTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseIsExclusiveAndItsPasswordIsMadeOnceInTheKeyDirectory() {
        Path data = dir.resolve("data");
        DatabaseSettings first = HubSettings.offline(null, data).database();
        DatabaseSettings again = HubSettings.offline(null, data).database();

        assertThat(first.url()).isEqualTo("jdbc:h2:file:" + data.toAbsolutePath().resolve("db/agent-hub"));
        assertThat(first.user()).isEqualTo("sa");
        assertThat(first.password()).matches("[A-Za-z0-9_-]{43}").isEqualTo(again.password());
        assertThat(data.resolve("keys/db-password")).exists();
        assertThat(first.toString()).doesNotContain(first.password());
    }

    @Test
    void theSharedSettingTurnsOnTheAutomaticMixedMode() throws IOException {
        assertThat(settings("hub.db.shared=true\n").database().url()).endsWith("/db/agent-hub;AUTO_SERVER=TRUE");
    }

    @Test
    void aConfiguredPasswordWinsAndNoneIsMade() throws IOException {
        DatabaseSettings database = settings("hub.db.password=from-the-vault\n").database();

        assertThat(database.password()).isEqualTo("from-the-vault");
        assertThat(dir.resolve("data/keys")).doesNotExist();
    }

    @Test
    void anotherDatabaseIsOpenedAsConfiguredWithNoKeyMade() throws IOException {
        DatabaseSettings database = settings("hub.db.url=jdbc:postgresql://db.example:5432/agenthub\nhub.db.user=hub\n").database();

        assertThat(database).isEqualTo(new DatabaseSettings("jdbc:postgresql://db.example:5432/agenthub", "hub", "", 10));
        assertThat(dir.resolve("data/keys")).doesNotExist();
    }

    @Test
    void theKeyDirectoryCanLiveApartFromTheDataOwnerOnly() throws IOException {
        Path keys = dir.resolve("mounted/agent-hub-keys");
        settings("hub.keys-dir=" + keys + "\n").database();

        assertThat(keys.resolve("db-password")).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("db-password")))).isEqualTo("rw-------");
        assertThat(dir.resolve("data/keys")).doesNotExist();
    }

    private HubSettings settings(String properties) throws IOException {
        Path config = Files.writeString(dir.resolve("hub.properties"), properties);
        return HubSettings.offline(config, dir.resolve("data"));
    }
}
