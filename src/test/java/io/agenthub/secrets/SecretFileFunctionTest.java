package io.agenthub.secrets;

import io.agenthub.config.HubSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretFileFunctionTest {

    private static final String SECRET = "Zm9yLXRlc3RzLW9ubHktbm90LWEta2V5";

    @TempDir
    Path dir;

    @Test
    void aSettingTakesAnOwnerOnlyFilesContentWithoutItsLineEnd() throws IOException {
        Path secret = secretFile("vault-key", SECRET + "\n", "rw-------");
        Path config = Files.writeString(dir.resolve("hub.properties"), "hub.vault.master-key={{file:" + secret + "}}\n");

        HubSettings settings = HubSettings.offline(config, dir.resolve("data"));

        assertThat(settings.text("hub.vault.master-key", "")).isEqualTo(SECRET);
    }

    @Test
    void aReferenceThatFailsStopsTheHubInsteadOfLeavingTheSettingUnset() throws IOException {
        // Unset, the vault key setting would make the hub create a key of its own and seal new data with it.
        Path open = secretFile("vault-key", SECRET, "rw-r--r--");
        Path config = Files.writeString(dir.resolve("hub.properties"), "hub.vault.master-key={{file:" + open + "}}\n"
                + "hub.audit.signing-key={{env:AGENT_HUB_TEST_VARIABLE_NEVER_SET}}\n");
        HubSettings settings = HubSettings.offline(config, dir.resolve("data"));

        assertThatThrownBy(() -> settings.text("hub.vault.master-key", ""))
                .hasMessageStartingWith("hub.vault.master-key cannot be resolved: secret file " + open + " is open to other local users");
        assertThatThrownBy(() -> settings.text("hub.audit.signing-key", ""))
                .hasMessageStartingWith("hub.audit.signing-key cannot be resolved:")
                .hasMessageContaining("AGENT_HUB_TEST_VARIABLE_NEVER_SET");
        assertThat(settings.text("hub.not-a-setting", "fallback")).isEqualTo("fallback");
    }

    @Test
    void aReadOnlyMountedSecretIsTakenAndOnlyOneLineEndIsRemoved() throws IOException {
        Path secret = secretFile("password", "two words \r\n", "r--------");

        assertThat(new SecretFileFunction().apply(secret.toString())).isEqualTo("two words ");
    }

    @Test
    void aFileOtherUsersMayReadIsRefusedWithoutQuotingIt() throws IOException {
        Path secret = secretFile("world-readable", SECRET, "rw-r--r--");

        assertThatThrownBy(() -> new SecretFileFunction().apply(secret.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(secret.toString())
                .hasMessageContaining("open to other local users (rw-r--r--)")
                .hasMessageContaining("chmod 600")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void aFileItsGroupMayReadIsRefusedToo() throws IOException {
        Path secret = secretFile("group-readable", SECRET, "rw-r-----");

        assertThatThrownBy(() -> new SecretFileFunction().apply(secret.toString()))
                .hasMessageContaining("open to other local users (rw-r-----)");
    }

    @Test
    void aMissingEmptyOrBinaryFileIsRefusedWithItsPath() throws IOException {
        Path missing = dir.resolve("missing");
        Path empty = secretFile("empty", "\n", "rw-------");
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {(byte) 0xC3, 0x28, 0x00});
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));

        assertThatThrownBy(() -> new SecretFileFunction().apply(missing.toString()))
                .hasMessage("secret file " + missing + " does not exist");
        assertThatThrownBy(() -> new SecretFileFunction().apply(empty.toString()))
                .hasMessage("secret file " + empty + " is empty");
        assertThatThrownBy(() -> new SecretFileFunction().apply(binary.toString()))
                .hasMessage("secret file " + binary + " is not UTF-8 text");
    }

    @Test
    void aFileFarLargerThanAnySecretIsNotRead() throws IOException {
        Path large = secretFile("large", "x".repeat(SecretFileFunction.MAX_BYTES + 1), "rw-------");

        assertThatThrownBy(() -> new SecretFileFunction().apply(large.toString()))
                .hasMessageContaining("is larger than " + SecretFileFunction.MAX_BYTES + " bytes");
    }

    private Path secretFile(String name, String content, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
