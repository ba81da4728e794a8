package io.agenthub.secrets;

import org.apache.camel.spi.PropertiesFunction;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code {{file:/run/secrets/hub-vault-key}}}: a setting whose value is the content of a file, so that a secret
 * mounted by an orchestrator (Kubernetes, Docker or systemd credentials) never has to be written into a properties
 * file or the environment. Camel 4.17 ships {@code env:} and {@code sys:} but no such function; Camel finds this one
 * by its name under {@code META-INF/services/org/apache/camel/properties-function/file}, in the hub and in the
 * offline commands alike.
 *
 * <p>The file must be readable by its owner only: one that its group or other users may read is refused, since the
 * secret is then already out. One trailing line end is taken off (what {@code echo} and editors leave). An empty or
 * oversized file is refused too: an empty key would quietly let the hub make a new one of its own. The content
 * never appears in a message.
 */
public final class SecretFileFunction implements PropertiesFunction {

    /** Far above any key, password or keystore password; keeps a mistaken path such as /dev/zero from being read whole. */
    static final int MAX_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @Override
    public String getName() {
        return "file";
    }

    @Override
    public String apply(String remainder) {
        if (remainder == null || remainder.isBlank()) {
            throw new IllegalArgumentException("{{file:PATH}} needs the path of a secret file");
        }
        return read(Path.of(remainder.strip()));
    }

    /** The secret in {@code file}, without its trailing line end. */
    public static String read(Path file) {
        Path path = file.toAbsolutePath().normalize();
        refuseIfOpenToOthers(path);
        byte[] bytes;
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new IllegalArgumentException("secret file " + path + " is larger than " + MAX_BYTES + " bytes;"
                        + " it is not a key or password file");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("secret file " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
        String text = withoutLineEnd(utf8(bytes, path));
        if (text.isEmpty()) {
            throw new IllegalArgumentException("secret file " + path + " is empty");
        }
        return text;
    }

    private static void refuseIfOpenToOthers(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;  // no POSIX permissions here (Windows): the operator's own access rules stand
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("secret file " + path + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
        if (permissions.stream().anyMatch(OPEN_TO_OTHERS::contains)) {
            throw new IllegalArgumentException("secret file " + path + " is open to other local users ("
                    + PosixFilePermissions.toString(permissions) + "): make it readable by its owner only"
                    + " (chmod 600, or 0400 as a mounted secret's mode) and start again");
        }
    }

    private static String utf8(byte[] bytes, Path path) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("secret file " + path + " is not UTF-8 text");
        }
    }

    private static String withoutLineEnd(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        if (text.endsWith("\n")) {
            return text.substring(0, text.length() - 1);
        }
        return text;
    }
}
