package io.agenthub.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnerOnlyTest {

    @TempDir
    Path dir;

    @Test
    void aSecretIsWrittenOwnerOnlyAndNeverReplaced() throws IOException {
        Path key = dir.resolve("keys/master.b64");
        OwnerOnly.writeSecret(key, "first");

        assertThat(mode(key.getParent())).isEqualTo("rwx------");
        assertThat(mode(key)).isEqualTo("rw-------");
        assertThatThrownBy(() -> OwnerOnly.writeSecret(key, "second")).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(OwnerOnly.readSecret(key)).isEqualTo("first");
        assertThat(key.getParent()).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".partial"));
    }

    @Test
    void looserDirectoriesAndSecretsAreTightenedKeepingTheOwnersBits() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxrwxr-x")));
        Path secret = Files.writeString(shared.resolve("secret"), "s3cret\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--r--r--"));

        OwnerOnly.directory(shared);

        assertThat(mode(shared)).isEqualTo("rwx------");
        assertThat(OwnerOnly.readSecret(secret)).isEqualTo("s3cret");
        assertThat(mode(secret)).isEqualTo("r--------");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
