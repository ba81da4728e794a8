package io.agenthub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agenthub.audit.MerkleVerifier.InvalidProofException;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Proofs as JSON files, in the format of the transparency-dev/merkle test vectors, hashes in base64:
 * inclusion {@code {"leafIdx","treeSize","root","leafHash","proof"}} and consistency
 * {@code {"size1","size2","root1","root2","proof"}}. Other fields (a vector's {@code desc}) are ignored.
 */
public final class ProofFiles {

    private final ObjectMapper json;

    public ProofFiles(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode inclusion(long leafIndex, long treeSize, byte[] root, byte[] leafHash, List<byte[]> proof) {
        ObjectNode file = json.createObjectNode();
        file.put("leafIdx", leafIndex);
        file.put("treeSize", treeSize);
        file.put("root", base64(root));
        file.put("leafHash", base64(leafHash));
        file.set("proof", hashes(proof));
        return file;
    }

    public ObjectNode consistency(long size1, long size2, byte[] root1, byte[] root2, List<byte[]> proof) {
        ObjectNode file = json.createObjectNode();
        file.put("size1", size1);
        file.put("size2", size2);
        file.put("root1", base64(root1));
        file.put("root2", base64(root2));
        file.set("proof", hashes(proof));
        return file;
    }

    /** Verifies whichever kind of proof the file holds; returns what it proved, in words. */
    public String verify(JsonNode file) throws InvalidProofException {
        if (file == null || !file.isObject()) {
            throw new InvalidProofException("a proof file holds one JSON object");
        }
        if (file.has("leafIdx") && file.has("size1")) {
            throw new InvalidProofException("a proof file holds one proof: an inclusion proof (leafIdx) or a consistency"
                    + " proof (size1), not both");
        }
        if (file.has("leafIdx")) {
            long index = number(file, "leafIdx");
            long size = number(file, "treeSize");
            MerkleVerifier.verifyInclusion(index, size, hash(file, "leafHash"), proof(file), hash(file, "root"));
            return "record " + index + " is in the log of " + size + " records with root " + file.get("root").asText();
        }
        if (file.has("size1")) {
            long size1 = number(file, "size1");
            long size2 = number(file, "size2");
            MerkleVerifier.verifyConsistency(size1, size2, proof(file), hash(file, "root1"), hash(file, "root2"));
            return "the log of " + size2 + " records extends the log of " + size1 + " records";
        }
        throw new InvalidProofException("neither an inclusion proof (leafIdx) nor a consistency proof (size1)");
    }

    private static long number(JsonNode file, String field) throws InvalidProofException {
        JsonNode value = file.get(field);
        if (value == null || !value.isIntegralNumber()) {
            throw new InvalidProofException("'" + field + "' must be a whole number");
        }
        // transparency-dev's sizes are unsigned 64-bit; a log this hub (or any real one) keeps stays far below 2^63.
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidProofException("'" + field + "' must be between 0 and " + Long.MAX_VALUE + ", got "
                    + value.asText());
        }
        return value.asLong();
    }

    private static byte[] hash(JsonNode file, String field) throws InvalidProofException {
        JsonNode value = file.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidProofException("'" + field + "' must be a base64 string");
        }
        return decode(field, value.asText());
    }

    private static List<byte[]> proof(JsonNode file) throws InvalidProofException {
        JsonNode proof = file.get("proof");
        List<byte[]> hashes = new ArrayList<>();
        if (proof == null || proof.isNull()) {
            return hashes;
        }
        if (!proof.isArray()) {
            throw new InvalidProofException("'proof' must be a list of base64 hashes");
        }
        for (int i = 0; i < proof.size(); i++) {
            if (!proof.get(i).isTextual()) {
                throw new InvalidProofException("proof[" + i + "] must be a base64 string");
            }
            hashes.add(decode("proof[" + i + "]", proof.get(i).asText()));
        }
        return hashes;
    }

    private static byte[] decode(String field, String base64) throws InvalidProofException {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("'" + field + "' is not base64: " + e.getMessage());
        }
    }

    private ArrayNode hashes(List<byte[]> proof) {
        ArrayNode array = json.createArrayNode();
        proof.forEach(h -> array.add(base64(h)));
        return array;
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
