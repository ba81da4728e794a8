package io.agenthub.secrets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No private key ships: not in the packed jar ({@code target/agent-hub.jar}, so this runs after {@code package}, in
 * {@code mvn verify}'s integration phase) and not in any file the repository tracks. Keys the hub needs are made
 * where it runs (owner-only files in {@code hub.keys-dir}) or given by reference ({@code {{env:...}}},
 * {@code {{file:...}}}); tests make theirs at run time.
 */
class NoPrivateKeysIT {

    private static final Path JAR = Path.of("target", "agent-hub.jar");

    /**
     * Files that must hold something key-shaped, each with the one kind expected and why. Keep it narrow: a path,
     * not a folder or a pattern, and never a real key.
     */
    private static final Map<String, String> ALLOWED = Map.of();

    @Test
    void thePackedJarHoldsNoPrivateKey() throws IOException {
        assertThat(JAR).as("%s is made by `mvn package`; this test runs in `mvn verify`", JAR).isRegularFile();
        List<String> findings = new ArrayList<>();
        int entries = 0;
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            Enumeration<? extends ZipEntry> all = jar.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                try (InputStream in = jar.getInputStream(entry)) {
                    findings.addAll(findings(JAR + "!/" + entry.getName(), entry.getName(), in.readAllBytes()));
                }
            }
        }

        assertThat(entries).as("entries scanned in %s", JAR).isGreaterThan(100);
        assertThat(findings).isEmpty();
    }

    @Test
    void theRepositoryTracksNoPrivateKey() throws IOException {
        List<Path> files = trackedFiles();
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                findings.addAll(findings(file.toString(), file.toString(), Files.readAllBytes(file)));
            }
        }

        assertThat(files).as("files scanned").hasSizeGreaterThan(100).contains(Path.of("pom.xml"));
        assertThat(findings).isEmpty();
    }

    private static List<String> findings(String shown, String path, byte[] content) {
        String allowed = ALLOWED.get(path.replace('\\', '/'));
        return PrivateKeyScanner.scan(path, content).stream()
                .filter(finding -> !finding.kind().equals(allowed))
                .map(finding -> shown + " @" + finding.offset() + ": " + finding.kind())
                .toList();
    }

    /**
     * What git tracks, which is what a clone, a push or a release archive carries; without git (a source archive),
     * every file outside the build's output, git's own folder and the hub's state directory (ignored by .gitignore).
     */
    private static List<Path> trackedFiles() throws IOException {
        if (Files.isDirectory(Path.of(".git")) || Files.isRegularFile(Path.of(".git"))) {
            Process git = new ProcessBuilder("git", "ls-files", "-z").redirectErrorStream(false).start();
            String listed = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0) {
                    return Stream.of(listed.split("\0")).filter(name -> !name.isEmpty()).map(Path::of).toList();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while git listed the files", e);
            }
        }
        try (Stream<Path> walk = Files.walk(Path.of("."))) {
            return walk.map(path -> Path.of(".").relativize(path))
                    .filter(path -> path.getNameCount() > 0 && !List.of("target", ".git", "data").contains(path.getName(0).toString()))
                    .filter(Files::isRegularFile)
                    .toList();
        }
    }
}
