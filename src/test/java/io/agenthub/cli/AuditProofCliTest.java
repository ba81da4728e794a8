package io.agenthub.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `audit verify-proof` on hand-made files: each bad proof is exit 1 and one line of reason, never a stack trace. */
class AuditProofCliTest {

    /** MTH of one leaf, the empty string ("bjQL..." in the transparency-dev vectors), and of the empty tree. */
    private static final String ROOT = "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=";
    private static final String EMPTY = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    @TempDir
    Path dir;

    @Test
    void aTreeIsConsistentWithItselfOnlyThroughAnEmptyProof() throws IOException {
        assertValid(consistency(1, 1, ROOT, ROOT, "[]"), "the log of 1 records extends the log of 1 records");
        assertValid(consistency(1, 1, ROOT, ROOT, "null"), "the log of 1 records extends the log of 1 records");
        assertInvalid(consistency(1, 1, ROOT, ROOT, "[\"" + ROOT + "\"]"),
                "trees of equal size need an empty proof, got 1 hashes");
        assertInvalid(consistency(1, 1, ROOT, EMPTY, "[]"), "trees of equal size have different roots");
    }

    @Test
    void badSizesAreNamed() throws IOException {
        assertInvalid(consistency(0, 1, EMPTY, ROOT, "[]"), "a consistency proof from the empty tree (size1 0) proves nothing");
        assertInvalid(consistency(0, 0, EMPTY, EMPTY, "[]"), "a consistency proof from the empty tree (size1 0) proves nothing");
        assertInvalid(consistency(2, 1, ROOT, ROOT, "[]"), "size2 (1) is smaller than size1 (2): a log never shrinks");
        assertInvalid(write("{\"size1\": 1, \"size2\": 18446744073709551615, \"root1\": \"" + ROOT + "\", \"root2\": \""
                + ROOT + "\", \"proof\": []}"), "'size2' must be between 0 and 9223372036854775807, got 18446744073709551615");
        assertInvalid(write("{\"size1\": -1, \"size2\": 1, \"root1\": \"" + ROOT + "\", \"root2\": \"" + ROOT + "\"}"),
                "'size1' must be between 0 and 9223372036854775807, got -1");
        assertInvalid(write("{\"size1\": 1.5, \"size2\": 2, \"root1\": \"" + ROOT + "\", \"root2\": \"" + ROOT + "\"}"),
                "'size1' must be a whole number");
        assertInvalid(write("{\"leafIdx\": 1, \"treeSize\": 1, \"root\": \"" + ROOT + "\", \"leafHash\": \"" + ROOT
                + "\", \"proof\": []}"), "leaf index 1 is not inside a tree of size 1");
    }

    @Test
    void malformedFilesAreNamed() throws IOException {
        assertInvalid(write("not json"), "is not readable JSON");
        assertInvalid(write("[1, 2]"), "a proof file holds one JSON object");
        assertInvalid(write("{}"), "neither an inclusion proof (leafIdx) nor a consistency proof (size1)");
        assertInvalid(write("{\"leafIdx\": 0, \"size1\": 1}"), "a proof file holds one proof");
        assertInvalid(consistency(1, 2, ROOT, ROOT, "\"" + ROOT + "\""), "'proof' must be a list of base64 hashes");
        assertInvalid(consistency(1, 2, ROOT, ROOT, "[7]"), "proof[0] must be a base64 string");
        assertInvalid(consistency(1, 2, ROOT, ROOT, "[\"%%%\"]"), "'proof[0]' is not base64");
        assertInvalid(consistency(1, 2, "AAAA", ROOT, "[]"), "root1 must be 32 bytes, got 3");
        assertInvalid(dir.resolve("missing.json"), "is not readable JSON");
    }

    private Path consistency(long size1, long size2, String root1, String root2, String proof) throws IOException {
        return write("{\"size1\": " + size1 + ", \"size2\": " + size2 + ", \"root1\": \"" + root1 + "\", \"root2\": \""
                + root2 + "\", \"proof\": " + proof + "}");
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "proof", ".json");
        return Files.writeString(file, content);
    }

    private static void assertValid(Path file, String proved) {
        CliRun cli = new CliRun();
        assertThat(cli.run("audit", "verify-proof", "--file", file.toString())).as(cli.err()).isZero();
        assertThat(cli.out()).isEqualTo("valid: " + proved + System.lineSeparator());
    }

    private static void assertInvalid(Path file, String reason) {
        CliRun cli = new CliRun();
        assertThat(cli.run("audit", "verify-proof", "--file", file.toString())).as(cli.err()).isEqualTo(1);
        assertThat(cli.err()).startsWith("invalid proof: ").contains(reason)
                .doesNotContain("Exception").doesNotContain("\tat ").hasLineCount(1);
        assertThat(cli.out()).isEmpty();
    }
}
