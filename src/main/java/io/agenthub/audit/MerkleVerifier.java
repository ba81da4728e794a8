package io.agenthub.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks RFC 9162 inclusion and consistency proofs (sections 2.1.3.2 and 2.1.4.2) against the roots they
 * claim. Needs nothing but the proof: an auditor runs it offline, without the hub's database.
 * A broken proof throws {@link InvalidProofException} saying what is wrong.
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
        if (leafIndex < 0 || treeSize < 0) {
            throw new InvalidProofException("leaf index and tree size must not be negative");
        }
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
        requireHash("root1", root1);
        requireHash("root2", root2);
        requireHashes(proof);
        if (size1 < 0 || size2 < size1) {
            throw new InvalidProofException("size2 (" + size2 + ") is smaller than size1 (" + size1 + ")");
        }
        if (size1 == size2) {
            if (!proof.isEmpty()) {
                throw new InvalidProofException("trees of equal size need an empty proof, got " + proof.size() + " hashes");
            }
            if (!MessageDigest.isEqual(root1, root2)) {
                throw new InvalidProofException("trees of equal size have different roots");
            }
            return;
        }
        if (size1 == 0) {
            // Every tree extends the empty one; a proof would prove nothing and is rejected as malformed.
            if (!proof.isEmpty()) {
                throw new InvalidProofException("a proof from the empty tree must be empty, got " + proof.size() + " hashes");
            }
            return;
        }
        if (proof.isEmpty()) {
            throw new InvalidProofException("the proof is empty");
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(size1) == 1) {
            path.add(0, root1);
        }
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                throw new InvalidProofException("the proof has more hashes than the trees need");
            }
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
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new InvalidProofException("the proof has fewer hashes than the trees need");
        }
        if (!MessageDigest.isEqual(fr, root1)) {
            throw new InvalidProofException("the proof does not lead to root1");
        }
        if (!MessageDigest.isEqual(sr, root2)) {
            throw new InvalidProofException("the proof does not lead to root2");
        }
    }

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

    private static void requireHash(String what, byte[] hash) throws InvalidProofException {
        if (hash == null || hash.length != MerkleHashes.SIZE) {
            throw new InvalidProofException(what + " must be " + MerkleHashes.SIZE + " bytes, got "
                    + (hash == null ? "none" : hash.length));
        }
    }

    private static void requireHashes(List<byte[]> proof) throws InvalidProofException {
        for (int i = 0; i < proof.size(); i++) {
            requireHash("proof[" + i + "]", proof.get(i));
        }
    }
}
