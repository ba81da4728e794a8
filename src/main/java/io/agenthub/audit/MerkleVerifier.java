package io.agenthub.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2) against the roots they
 * claim. Needs nothing but the proof: an auditor runs it offline, without the hub's database.
 * A broken proof throws {@link InvalidProofException} saying what is wrong.
 *
 * <p>The RFC's algorithms are written for {@code 0 <= index < size} (inclusion) and {@code 0 < first < second}
 * (consistency). Outside those ranges this class decides as transparency-dev/merkle's {@code proof.VerifyInclusion}
 * and {@code proof.VerifyConsistency} do, so a proof one accepts the other accepts too:
 * <ul>
 *   <li>{@code size1 == size2}: the proof must be empty and the two roots equal (a tree is consistent with itself
 *       only);</li>
 *   <li>{@code size1 == 0}: rejected, whatever the proof and roots. Every tree extends the empty one, so such a
 *       "proof" proves nothing; RFC 9162 defines no consistency proof from the empty tree (PROOF(m, D_n) needs
 *       {@code 0 < m}) and transparency-dev answers "consistency proof from empty tree is meaningless";</li>
 *   <li>{@code size1 > size2}: rejected (a log never shrinks);</li>
 *   <li>{@code leafIndex >= treeSize}, so also any inclusion in the empty tree: rejected.</li>
 * </ul>
 * Roots and hashes that a computation reads must be 32 bytes (an RFC 9162 NodeHash of SHA-256); trees of equal size
 * compare their roots byte for byte whatever their length, as transparency-dev does, since nothing is computed.
 * Sizes are Java {@code long}s (transparency-dev's are unsigned 64-bit): negative ones are rejected, and no step
 * can overflow, since the walk only subtracts one from a positive size and shifts right.
 */
public final class MerkleVerifier {

    private MerkleVerifier() {
    }

    public static final class InvalidProofException extends Exception {
        public InvalidProofException(String reason) {
            super(reason);
        }
    }

    /** That the leaf with hash {@code leafHash} sits at {@code leafIndex} of the tree of {@code treeSize} with {@code root}. */
    public static void verifyInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
            throws InvalidProofException {
        requireHash("root", root);
        requireHash("leaf hash", leafHash);
        requireHashes(proof);
        requireNotNegative("leaf index", leafIndex);
        requireNotNegative("tree size", treeSize);
        // RFC 9162 2.1.3.2, step 1: an index at or past the size is not in the tree (nor is anything in the empty tree).
        if (leafIndex >= treeSize) {
            throw new InvalidProofException("leaf index " + leafIndex + " is not inside a tree of size " + treeSize);
        }
        byte[] computed = rootFromInclusion(leafIndex, treeSize, leafHash, proof);
        if (!MessageDigest.isEqual(computed, root)) {
            throw new InvalidProofException("the proof leads to another root than the one given");
        }
    }

    /** That the tree of {@code size2} with {@code root2} extends the tree of {@code size1} with {@code root1}. */
    public static void verifyConsistency(long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
            throws InvalidProofException {
        requireNotNegative("size1", size1);
        requireNotNegative("size2", size2);
        if (proof == null) {
            throw new InvalidProofException("the proof is missing");
        }
        if (size2 < size1) {
            throw new InvalidProofException("size2 (" + size2 + ") is smaller than size1 (" + size1
                    + "): a log never shrinks");
        }
        if (size1 == 0) {
            throw new InvalidProofException("a consistency proof from the empty tree (size1 0) proves nothing:"
                    + " RFC 9162 defines consistency proofs from a tree of at least one record");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("trees of equal size need an empty proof, got " + proof.size() + " hashes");
            }
            if (root1 == null || root2 == null || !MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("trees of equal size have different roots");
            }
            return;
        }
        requireHash("root1", root1);
        requireHash("root2", root2);
        requireHashes(proof);
        verifyGrowth(size1, size2, proof, root1, root2);
    }

    /** RFC 9162 2.1.4.2 step by step, for {@code 0 < size1 < size2}. */
    private static void verifyGrowth(long first, long second, List<byte[]> consistencyPath, byte[] firstHash,
                                     byte[] secondHash) throws InvalidProofException {
        // 1. An empty path fails.
        if (consistencyPath.isEmpty()) {
            throw new InvalidProofException("the proof is empty, but a tree of " + second
                    + " records needs at least one hash to show it extends one of " + first);
        }
        // 2. A first tree of a power-of-two size is a complete subtree of the second: the proof leaves out its
        // root, which the verifier already holds, so it goes in front.
        List<byte[]> path = new ArrayList<>(consistencyPath);
        if (Long.bitCount(first) == 1) {
            path.add(0, firstHash);
        }
        // 3.
        long fn = first - 1;
        long sn = second - 1;
        // 4.
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        // 5.
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        // 6.
        for (byte[] c : path.subList(1, path.size())) {
            // 6a. The walk reached the second root with hashes left over.
            if (sn == 0) {
                throw new InvalidProofException("the proof has more hashes than trees of " + first + " and " + second
                        + " records need");
            }
            // 6b.
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleHashes.node(c, fr);
                sr = MerkleHashes.node(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = MerkleHashes.node(sr, c);
            }
            // 6c.
            fn >>= 1;
            sn >>= 1;
        }
        // 7. The walk must end at the second root, and both recomputed roots must match.
        if (sn != 0) {
            throw new InvalidProofException("the proof has fewer hashes than trees of " + first + " and " + second
                    + " records need");
        }
        if (!MessageDigest.isEqual(fr, firstHash)) {
            throw new InvalidProofException("the proof does not lead to root1");
        }
        if (!MessageDigest.isEqual(sr, secondHash)) {
            throw new InvalidProofException("the proof does not lead to root2");
        }
    }

    /** RFC 9162 2.1.3.2 steps 2 to 5 (the caller compares the root), for {@code 0 <= leafIndex < treeSize}. */
    private static byte[] rootFromInclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof)
            throws InvalidProofException {
        long fn = leafIndex;
        long sn = treeSize - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new InvalidProofException("the proof has more hashes than a tree of size " + treeSize + " needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleHashes.node(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = MerkleHashes.node(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the proof has fewer hashes than a tree of size " + treeSize + " needs");
        }
        return r;
    }

    private static void requireNotNegative(String what, long value) throws InvalidProofException {
        if (value < 0) {
            throw new InvalidProofException(what + " must not be negative, got " + value);
        }
    }

    private static void requireHash(String what, byte[] hash) throws InvalidProofException {
        if (hash == null || hash.length != MerkleHashes.SIZE) {
            throw new InvalidProofException(what + " must be " + MerkleHashes.SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }

    private static void requireHashes(List<byte[]> proof) throws InvalidProofException {
        if (proof == null) {
            throw new InvalidProofException("the proof is missing");
        }
        for (int i = 0; i < proof.size(); i++) {
            requireHash("proof[" + i + "]", proof.get(i));
        }
    }
}
