package io.agenthub.app;

import io.agenthub.config.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the embedded sandbox keeps its state: {@code hub.sandbox.state-dir}. */
class SandboxStateDirTest {

    @TempDir
    Path dir;

    private HubSettings settings(String stateDir) throws Exception {
        Path config = dir.resolve("hub.properties");
        Files.writeString(config, stateDir == null ? "" : "hub.sandbox.state-dir=" + stateDir + "\n");
        return HubSettings.offline(config, dir.resolve("data"));
    }

    @Test
    void byDefaultItIsUnderTheDataDirectoryForItsOwnerOnly() throws Exception {
        Path stateDir = SandboxBeans.stateDir(settings(null));

        assertThat(stateDir).isEqualTo(dir.resolve("data").resolve("sandbox").toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir))).isEqualTo("rwx------");
    }

    @Test
    void aFolderOfItsOwnCanBeGiven() throws Exception {
        assertThat(SandboxBeans.stateDir(settings(dir.resolve("elsewhere").toString()))).isEqualTo(dir.resolve("elsewhere"));
        assertThat(dir.resolve("elsewhere")).isDirectory();
    }

    @Test
    void noneKeepsItInMemory() throws Exception {
        assertThat(SandboxBeans.stateDir(settings("none"))).isNull();
        assertThat(dir.resolve("data").resolve("sandbox")).doesNotExist();
    }
}
