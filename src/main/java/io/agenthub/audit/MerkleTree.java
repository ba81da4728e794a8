package io.agenthub.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 Merkle tree over leaf hashes held in memory (32 bytes a record: a million audit records is
 * 32 MB), with its root at any size and the inclusion and consistency proofs of RFC 6962 section 2.1.
 */
public final class MerkleTree {

    private final List<byte[]> leaves;

    /** @param leafHashes the leaves' hashes ({@link MerkleHashes#leaf}) in log order */
    public MerkleTree(List<byte[]> leafHashes) {
        this.leaves = List.copyOf(leafHashes);
    }

    public long size() {
        return leaves.size();
    }

    public byte[] leafHash(long index) {
        return leaves.get(Math.toIntExact(index));
    }

    /** MTH of the first {@code size} leaves. */
    public byte[] root(long size) {
        checkSize(size);
        return size == 0 ? MerkleHashes.EMPTY_ROOT.clone() : hash(0, (int) size);
    }

    /** PATH(m, D[0:size]): the sibling hashes from leaf {@code index} up to the root of the first {@code size} leaves. */
    public List<byte[]> inclusionProof(long index, long size) {
        checkSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("record " + index + " is not in a tree of size " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path((int) index, 0, (int) size, proof);
        return proof;
    }

    /**
     * PROOF(size1, D[0:size2]): what shows the tree of {@code size2} leaves extends the one of {@code size1}; empty
     * when the sizes are equal. None from the empty tree: RFC 9162 defines none and {@link MerkleVerifier} rejects it.
     */
    public List<byte[]> consistencyProof(long size1, long size2) {
        checkSize(size2);
        if (size1 < 1 || size1 > size2) {
            throw new IllegalArgumentException("size1 must be between 1 and size2 (" + size2 + "), got " + size1);
        }
        List<byte[]> proof = new ArrayList<>();
        if (size1 < size2) {
            subproof((int) size1, 0, (int) size2, true, proof);
        }
        return proof;
    }

    private void path(int m, int lo, int hi, List<byte[]> proof) {
        int n = hi - lo;
        if (n <= 1) {
            return;
        }
        int k = splitPoint(n);
        if (m < k) {
            path(m, lo, lo + k, proof);
            proof.add(hash(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, proof);
            proof.add(hash(lo, lo + k));
        }
    }

    private void subproof(int m, int lo, int hi, boolean complete, List<byte[]> proof) {
        int n = hi - lo;
        if (m == n) {
            if (!complete) {
                proof.add(hash(lo, hi));
            }
            return;
        }
        int k = splitPoint(n);
        if (m <= k) {
            subproof(m, lo, lo + k, complete, proof);
            proof.add(hash(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, proof);
            proof.add(hash(lo, lo + k));
        }
    }

    private byte[] hash(int lo, int hi) {
        if (hi - lo == 1) {
            return leaves.get(lo);
        }
        int k = splitPoint(hi - lo);
        return MerkleHashes.node(hash(lo, lo + k), hash(lo + k, hi));
    }

    /** The largest power of two smaller than {@code n} (n at least 2). */
    private static int splitPoint(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private void checkSize(long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("the log holds " + leaves.size() + " records, not " + size);
        }
    }
}
