package io.agenthub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.audit.MerkleVerifier.InvalidProofException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

class MerkleProofTest {

    private static final Path VECTORS = Path.of("datasets/merkle-vectors");
    private final ObjectMapper json = new ObjectMapper();
    private final ProofFiles files = new ProofFiles(json);

    /** Every transparency-dev vector: happy paths accepted, every broken proof rejected. */
    @TestFactory
    Stream<DynamicTest> everyVectorIsJudgedAsItsAuthorsSay() throws IOException {
        List<Path> vectors;
        try (Stream<Path> walk = Files.walk(VECTORS)) {
            vectors = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(vectors).hasSize(196);
        return vectors.stream().map(path -> DynamicTest.dynamicTest(VECTORS.relativize(path).toString(), () -> {
            JsonNode vector = json.readTree(path.toFile());
            if (vector.get("wantErr").asBoolean()) {
                assertThatThrownBy(() -> files.verify(vector)).isInstanceOf(InvalidProofException.class);
            } else {
                assertThatCode(() -> files.verify(vector)).doesNotThrowAnyException();
            }
        }));
    }

    /** The RFC 6962 reference tree of eight leaves ("" , 0x00, 0x10, ...), as in the vectors. */
    @Test
    void rootsMatchTheReferenceTree() {
        MerkleTree tree = referenceTree();

        assertThat(HexFormat.of().formatHex(tree.root(8)))
                .isEqualTo("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
        assertThat(HexFormat.of().formatHex(tree.root(0)))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyProofTheTreeWritesVerifies() throws InvalidProofException {
        MerkleTree tree = tree(37);
        for (long size = 1; size <= tree.size(); size++) {
            for (long i = 0; i < size; i++) {
                MerkleVerifier.verifyInclusion(i, size, tree.leafHash(i), tree.inclusionProof(i, size), tree.root(size));
            }
            for (long size1 = 1; size1 <= size; size1++) {
                MerkleVerifier.verifyConsistency(size1, size, tree.consistencyProof(size1, size), tree.root(size1),
                        tree.root(size));
            }
        }
    }

    @Test
    void aProofForOneRecordDoesNotProveItsNeighbour() {
        MerkleTree tree = tree(10);

        assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(4, 10, tree.leafHash(5), tree.inclusionProof(4, 10),
                tree.root(10))).isInstanceOf(InvalidProofException.class).hasMessageContaining("another root");
    }

    @Test
    void aRewrittenHistoryIsNotConsistentWithTheOldRoot() {
        MerkleTree original = tree(12);
        List<byte[]> rewritten = new ArrayList<>();
        for (long i = 0; i < 12; i++) {
            rewritten.add(i == 3 ? MerkleHashes.leaf("forged".getBytes(StandardCharsets.UTF_8)) : original.leafHash(i));
        }
        MerkleTree forged = new MerkleTree(rewritten);

        assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(6, 12, forged.consistencyProof(6, 12),
                original.root(6), forged.root(12))).isInstanceOf(InvalidProofException.class);
    }

    private static MerkleTree referenceTree() {
        String[] hex = {"", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"};
        List<byte[]> leaves = new ArrayList<>();
        for (String h : hex) {
            leaves.add(MerkleHashes.leaf(HexFormat.of().parseHex(h)));
        }
        return new MerkleTree(leaves);
    }

    private static MerkleTree tree(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleHashes.leaf(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new MerkleTree(leaves);
    }
}
