package io.agenthub.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing Merkle tree: the roots of its perfect subtrees, largest first (at most
 * 64 hashes). Appending a leaf and reading the root each cost O(log n), so the log's appender never
 * re-reads the records it has already hashed.
 */
final class MerkleFrontier {

    private final List<byte[]> roots = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long size;

    void append(byte[] leafHash) {
        byte[] hash = leafHash;
        long height = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == height) {
            hash = MerkleHashes.node(roots.remove(roots.size() - 1), hash);
            sizes.remove(sizes.size() - 1);
            height *= 2;
        }
        roots.add(hash);
        sizes.add(height);
        size++;
    }

    long size() {
        return size;
    }

    /** MTH of every leaf appended so far: the perfect subtrees folded from the right. */
    byte[] root() {
        if (roots.isEmpty()) {
            return MerkleHashes.EMPTY_ROOT.clone();
        }
        byte[] hash = roots.get(roots.size() - 1);
        for (int i = roots.size() - 2; i >= 0; i--) {
            hash = MerkleHashes.node(roots.get(i), hash);
        }
        return hash;
    }
}
