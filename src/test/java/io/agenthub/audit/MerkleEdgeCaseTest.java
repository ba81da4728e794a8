package io.agenthub.audit;

import io.agenthub.audit.MerkleVerifier.InvalidProofException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier at the edges of RFC 9162 2.1.3 and 2.1.4, decided as transparency-dev/merkle's
 * {@code proof.VerifyInclusion} / {@code VerifyConsistency} decide (see {@link MerkleVerifier}).
 */
class MerkleEdgeCaseTest {

    private static final int SMALL = 33;
    private final MerkleTree tree = tree(SMALL);

    @Test
    void equalSizesNeedAnEmptyProofAndTheSameRoot() {
        for (long size : new long[] {1, 2, 3, 4, 5, 8, 33}) {
            byte[] root = tree.root(size);
            assertThat(tree.consistencyProof(size, size)).isEmpty();
            assertThatCode(() -> MerkleVerifier.verifyConsistency(size, size, List.of(), root, root.clone()))
                    .doesNotThrowAnyException();
            // not even the root itself may stand as a proof
            assertRejected(() -> MerkleVerifier.verifyConsistency(size, size, List.of(root), root, root),
                    "trees of equal size need an empty proof, got 1 hashes");
            assertRejected(() -> MerkleVerifier.verifyConsistency(size, size, List.of(), root, tree.root(size - 1 == 0 ? 2 : size - 1)),
                    "trees of equal size have different roots");
        }
        // Nothing is computed between equal sizes, so the roots are compared as given, as transparency-dev does.
        byte[] shortRoot = "don't care 2".getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> MerkleVerifier.verifyConsistency(1, 1, List.of(), shortRoot, shortRoot.clone()))
                .doesNotThrowAnyException();
        assertRejected(() -> MerkleVerifier.verifyConsistency(1, 1, List.of(), shortRoot, tree.root(1)),
                "trees of equal size have different roots");
    }

    @Test
    void nothingIsProvedFromTheEmptyTree() {
        byte[] empty = MerkleHashes.EMPTY_ROOT;
        String why = "a consistency proof from the empty tree (size1 0) proves nothing";
        // Accepted before: (0, 0) with two equal roots of any content, and (0, n) with an empty proof.
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(0, 0, List.of(), empty, empty), why);
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(0, 0, List.of(), tree.root(3), tree.root(3)), why);
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(0, 5, List.of(), empty, tree.root(5)), why);
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(0, 5, List.of(tree.root(5)), empty, tree.root(5)), why);
        assertThatThrownBy(() -> tree.consistencyProof(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tree.consistencyProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLogNeverShrinks() {
        assertRejected(() -> MerkleVerifier.verifyConsistency(5, 4, tree.consistencyProof(4, 5), tree.root(5), tree.root(4)),
                "size2 (4) is smaller than size1 (5): a log never shrinks");
        assertRejected(() -> MerkleVerifier.verifyConsistency(1, 0, List.of(), tree.root(1), MerkleHashes.EMPTY_ROOT),
                "size2 (0) is smaller than size1 (1): a log never shrinks");
    }

    @Test
    void negativeSizesAndIndexesAreNamed() {
        byte[] root = tree.root(4);
        assertRejected(() -> MerkleVerifier.verifyConsistency(-1, 4, List.of(), root, root), "size1 must not be negative, got -1");
        assertRejected(() -> MerkleVerifier.verifyConsistency(-4, -1, List.of(), root, root), "size1 must not be negative, got -4");
        assertRejected(() -> MerkleVerifier.verifyInclusion(-1, 4, tree.leafHash(0), List.of(), root),
                "leaf index must not be negative, got -1");
        assertRejected(() -> MerkleVerifier.verifyInclusion(0, -4, tree.leafHash(0), List.of(), root),
                "tree size must not be negative, got -4");
    }

    @Test
    void aFirstTreeOfPowerOfTwoSizeIsLeftOutOfTheProof() throws InvalidProofException {
        for (long size1 = 1; size1 < SMALL; size1 <<= 1) {
            for (long size2 = size1 + 1; size2 <= SMALL; size2++) {
                long s1 = size1;
                long s2 = size2;
                List<byte[]> proof = tree.consistencyProof(s1, s2);
                assertThat(proof.get(0)).as("(%d, %d) starts past root1", s1, s2).isNotEqualTo(tree.root(s1));
                MerkleVerifier.verifyConsistency(s1, s2, proof, tree.root(s1), tree.root(s2));
                // a generator that put root1 in anyway makes a proof one hash too long
                assertRejected(() -> MerkleVerifier.verifyConsistency(s1, s2, prepend(tree.root(s1), proof),
                        tree.root(s1), tree.root(s2)), "the proof has more hashes than trees of " + s1 + " and " + s2
                        + " records need");
                // root1 is not in the proof, yet a wrong one is caught: the second root is built on it
                assertRejectedWith(() -> MerkleVerifier.verifyConsistency(s1, s2, proof, flip(tree.root(s1), 0),
                        tree.root(s2)), "the proof does not lead to root");
            }
        }
    }

    @Test
    void anEmptyProofBetweenDifferentSizesFails() {
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(1, 2, List.of(), tree.root(1), tree.root(2)),
                "the proof is empty");
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(4, 8, List.of(), tree.root(4), tree.root(8)),
                "the proof is empty");
    }

    /** Hashes missing, left over, in front, behind, repeated, changed or reordered: each is rejected, never thrown past. */
    @Test
    void everyAlteredConsistencyProofIsRejected() {
        int checked = 0;
        for (long size1 = 1; size1 < SMALL; size1++) {
            for (long size2 = size1 + 1; size2 <= SMALL; size2++) {
                byte[] root1 = tree.root(size1);
                byte[] root2 = tree.root(size2);
                List<byte[]> proof = tree.consistencyProof(size1, size2);
                for (List<byte[]> altered : alterations(proof, root1, root2)) {
                    long s1 = size1;
                    long s2 = size2;
                    assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, altered, root1, root2))
                            .as("(%d, %d) with %d hashes", s1, s2, altered.size()).isInstanceOf(InvalidProofException.class);
                    checked++;
                }
                long s1 = size1;
                long s2 = size2;
                assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, proof, root2, root1))
                        .isInstanceOf(InvalidProofException.class);
                assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, proof, flip(root1, 31), root2))
                        .isInstanceOf(InvalidProofException.class);
                assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, proof, root1, flip(root2, 31)))
                        .isInstanceOf(InvalidProofException.class);
            }
        }
        assertThat(checked).isGreaterThan(20_000);
    }

    @Test
    void anIndexAtOrPastTheSizeIsNotInTheTree() {
        byte[] leaf = tree.leafHash(0);
        assertRejected(() -> MerkleVerifier.verifyInclusion(5, 5, leaf, tree.inclusionProof(4, 5), tree.root(5)),
                "leaf index 5 is not inside a tree of size 5");
        assertRejected(() -> MerkleVerifier.verifyInclusion(9, 5, leaf, List.of(), tree.root(5)),
                "leaf index 9 is not inside a tree of size 5");
        assertRejected(() -> MerkleVerifier.verifyInclusion(0, 0, MerkleHashes.EMPTY_ROOT, List.of(), MerkleHashes.EMPTY_ROOT),
                "leaf index 0 is not inside a tree of size 0");
    }

    @Test
    void aSingleRecordIsItsOwnRoot() {
        byte[] leaf = tree.leafHash(0);
        assertThatCode(() -> MerkleVerifier.verifyInclusion(0, 1, leaf, List.of(), leaf)).doesNotThrowAnyException();
        assertRejected(() -> MerkleVerifier.verifyInclusion(0, 1, leaf, List.of(leaf), leaf),
                "the proof has more hashes than a tree of size 1 needs");
        assertRejected(() -> MerkleVerifier.verifyInclusion(0, 1, leaf, List.of(), tree.leafHash(1)),
                "the proof leads to another root than the one given");
    }

    @Test
    void everyAlteredInclusionProofIsRejected() {
        int checked = 0;
        for (long size = 1; size <= SMALL; size++) {
            byte[] root = tree.root(size);
            for (long index = 0; index < size; index++) {
                byte[] leaf = tree.leafHash(index);
                for (List<byte[]> altered : alterations(tree.inclusionProof(index, size), leaf, root)) {
                    long i = index;
                    long s = size;
                    assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(i, s, leaf, altered, root))
                            .as("record %d of %d with %d hashes", i, s, altered.size()).isInstanceOf(InvalidProofException.class);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
    }

    @Test
    void malformedHashesAreNamed() {
        byte[] root = tree.root(3);
        assertRejected(() -> MerkleVerifier.verifyConsistency(1, 3, List.of(new byte[31]), tree.root(1), root),
                "proof[0] must be 32 bytes, got 31");
        assertRejected(() -> MerkleVerifier.verifyConsistency(1, 3, tree.consistencyProof(1, 3), new byte[0], root),
                "root1 must be 32 bytes, got 0");
        assertRejected(() -> MerkleVerifier.verifyConsistency(1, 3, null, tree.root(1), root), "the proof is missing");
        assertRejected(() -> MerkleVerifier.verifyInclusion(0, 3, null, tree.inclusionProof(0, 3), root),
                "leaf hash must be 32 bytes, got none");
    }

    /** The uniform-tree helper agrees with the real tree, so its huge-size proofs below are proofs. */
    @Test
    void theUniformTreeIsAMerkleTree() {
        byte[] leaf = MerkleHashes.leaf("same".getBytes(StandardCharsets.UTF_8));
        MerkleTree real = new MerkleTree(Collections.nCopies(SMALL, leaf));
        UniformTree uniform = new UniformTree(leaf);
        for (long size = 1; size <= SMALL; size++) {
            assertThat(uniform.root(size)).isEqualTo(real.root(size));
            for (long other = 1; other <= size; other++) {
                assertThat(uniform.consistencyProof(other, size)).containsExactlyElementsOf(real.consistencyProof(other, size));
            }
            for (long index = 0; index < size; index++) {
                assertThat(uniform.inclusionProof(index, size)).containsExactlyElementsOf(real.inclusionProof(index, size));
            }
        }
    }

    /** Trees of up to 2^63 - 1 records: right proofs verify, altered ones fail cleanly, and nothing overflows. */
    @Test
    void hugeSizesVerifyWithoutOverflow() throws InvalidProofException {
        UniformTree huge = new UniformTree(MerkleHashes.leaf(new byte[] {42}));
        long max = Long.MAX_VALUE;
        long[][] pairs = {{1, max}, {max - 1, max}, {1L << 62, max}, {(1L << 62) - 1, 1L << 62}, {1L << 62, (1L << 62) + 1},
                {3, (1L << 40) + 5}, {(1L << 33) + 7, (1L << 61) + 3}, {max, max}};
        for (long[] pair : pairs) {
            long s1 = pair[0];
            long s2 = pair[1];
            List<byte[]> proof = huge.consistencyProof(s1, s2);
            byte[] root1 = huge.root(s1);
            byte[] root2 = huge.root(s2);
            MerkleVerifier.verifyConsistency(s1, s2, proof, root1, root2);
            if (!proof.isEmpty()) {
                assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, proof.subList(0, proof.size() - 1),
                        root1, root2)).isInstanceOf(InvalidProofException.class);
                assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, append(proof, root2), root1, root2))
                        .isInstanceOf(InvalidProofException.class);
            }
            assertThatThrownBy(() -> MerkleVerifier.verifyConsistency(s1, s2, proof, root1, flip(root2, 7)))
                    .isInstanceOf(InvalidProofException.class);
        }
        for (long[] at : new long[][] {{0, max}, {max - 1, max}, {1L << 62, (1L << 62) + 1}, {(1L << 62) - 1, max}}) {
            long index = at[0];
            long size = at[1];
            List<byte[]> proof = huge.inclusionProof(index, size);
            MerkleVerifier.verifyInclusion(index, size, huge.leaf, proof, huge.root(size));
            assertThatThrownBy(() -> MerkleVerifier.verifyInclusion(index, size, huge.leaf, proof.subList(1, proof.size()),
                    huge.root(size))).isInstanceOf(InvalidProofException.class);
        }
        List<byte[]> garbage = Collections.nCopies(200, huge.leaf);
        assertRejectedWith(() -> MerkleVerifier.verifyConsistency(max - 1, max, garbage, huge.root(max - 1), huge.root(max)),
                "the proof has more hashes");
        assertRejectedWith(() -> MerkleVerifier.verifyInclusion(max - 1, max, huge.leaf, garbage, huge.root(max)),
                "the proof has more hashes");
        assertRejected(() -> MerkleVerifier.verifyInclusion(max, max, huge.leaf, List.of(), huge.root(max)),
                "leaf index " + max + " is not inside a tree of size " + max);
    }

    /** The proof with one change each: a hash dropped, added (anywhere), repeated, swapped with its neighbour, or a bit flipped. */
    private static List<List<byte[]>> alterations(List<byte[]> proof, byte[] known1, byte[] known2) {
        List<List<byte[]>> altered = new ArrayList<>();
        byte[] garbage = MerkleHashes.leaf("garbage".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> dropped = new ArrayList<>(proof);
            dropped.remove(i);
            altered.add(dropped);
            List<byte[]> repeated = new ArrayList<>(proof);
            repeated.add(i, proof.get(i));
            altered.add(repeated);
            for (int bit : new int[] {0, 131, 255}) {
                List<byte[]> flipped = new ArrayList<>(proof);
                flipped.set(i, flipBit(proof.get(i), bit));
                altered.add(flipped);
            }
            if (i + 1 < proof.size() && !Arrays.equals(proof.get(i), proof.get(i + 1))) {
                List<byte[]> swapped = new ArrayList<>(proof);
                Collections.swap(swapped, i, i + 1);
                altered.add(swapped);
            }
        }
        for (int at = 0; at <= proof.size(); at++) {
            for (byte[] extra : List.of(known1, known2, garbage)) {
                List<byte[]> longer = new ArrayList<>(proof);
                longer.add(at, extra);
                altered.add(longer);
            }
        }
        return altered;
    }

    private static List<byte[]> prepend(byte[] first, List<byte[]> rest) {
        List<byte[]> list = new ArrayList<>(rest);
        list.add(0, first);
        return list;
    }

    private static List<byte[]> append(List<byte[]> first, byte[] last) {
        List<byte[]> list = new ArrayList<>(first);
        list.add(last);
        return list;
    }

    private static byte[] flip(byte[] hash, int index) {
        return flipBit(hash, index * 8);
    }

    private static byte[] flipBit(byte[] hash, int bit) {
        byte[] copy = hash.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static void assertRejected(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidProofException.class).hasMessage(message);
    }

    private static void assertRejectedWith(ThrowingCallable call, String words) {
        assertThatThrownBy(call).isInstanceOf(InvalidProofException.class).hasMessageContaining(words);
    }

    private static MerkleTree tree(int size) {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            leaves.add(MerkleHashes.leaf(("record " + i).getBytes(StandardCharsets.UTF_8)));
        }
        return new MerkleTree(leaves);
    }

    /**
     * A tree whose leaves all have one hash, so a range's hash depends on its length alone and MTH, PATH and PROOF
     * (RFC 9162 2.1.1, 2.1.3.1, 2.1.4.1) take a few hundred hashes even for 2^63 - 1 leaves. Written from the RFC's
     * definitions, apart from {@link MerkleTree}, and checked against it on small sizes.
     */
    private static final class UniformTree {
        final byte[] leaf;
        private final Map<Long, byte[]> roots = new HashMap<>();

        UniformTree(byte[] leaf) {
            this.leaf = leaf;
        }

        byte[] root(long n) {
            if (n == 1) {
                return leaf;
            }
            byte[] known = roots.get(n);
            if (known == null) {
                long k = Long.highestOneBit(n - 1);
                known = MerkleHashes.node(root(k), root(n - k));
                roots.put(n, known);
            }
            return known;
        }

        List<byte[]> inclusionProof(long m, long n) {
            if (n == 1) {
                return new ArrayList<>();
            }
            long k = Long.highestOneBit(n - 1);
            List<byte[]> path = m < k ? inclusionProof(m, k) : inclusionProof(m - k, n - k);
            path.add(m < k ? root(n - k) : root(k));
            return path;
        }

        List<byte[]> consistencyProof(long m, long n) {
            return subproof(m, n, true);
        }

        private List<byte[]> subproof(long m, long n, boolean complete) {
            if (m == n) {
                return complete ? new ArrayList<>() : new ArrayList<>(List.of(root(m)));
            }
            long k = Long.highestOneBit(n - 1);
            List<byte[]> proof = m <= k ? subproof(m, k, complete) : subproof(m - k, n - k, false);
            proof.add(m <= k ? root(n - k) : root(k));
            return proof;
        }
    }
}
