package io.agenthub.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * One audit event as stored: a step of a request with its detail (tokens and digests, never raw personal
 * data), or an event that belongs to no request (a subject's erasure), whose request id is null. Its leaf is a fixed, line-based encoding of exactly these stored fields, so the hash the appender
 * signed can be recomputed by anyone holding the row.
 */
public record AuditRecord(long stepId, String requestId, String step, Instant recordedAt, String detailJson) {

    public byte[] leafData() {
        String text = "agent-hub audit event v1\n"
                + "step-id " + stepId + "\n"
                + "request " + (requestId == null ? "-" : requestId) + "\n"
                + "step " + step + "\n"
                + "recorded-at " + recordedAt + "\n"
                + "detail " + detailJson;
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] leafHash() {
        return MerkleHashes.leaf(leafData());
    }

    /** What the record's signature covers: its place in the log and its leaf hash. */
    static byte[] signedPlace(long leafIndex, byte[] leafHash) {
        return ByteBuffer.allocate(RECORD_DOMAIN.length + Long.BYTES + leafHash.length).put(RECORD_DOMAIN)
                .putLong(leafIndex).put(leafHash).array();
    }

    private static final byte[] RECORD_DOMAIN = "agent-hub audit record v1\n".getBytes(StandardCharsets.US_ASCII);

    /** What a checkpoint's signature covers, in the spirit of a signed tree head. */
    static byte[] signedCheckpoint(long treeSize, byte[] root, String signedAt) {
        return ("agent-hub audit checkpoint v1\n" + treeSize + "\n" + HexFormat.of().formatHex(root) + "\n" + signedAt + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
