package io.agenthub.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signed checkpoints published outside the database, one JSON line each:
 * {@code {"treeSize","root","signedAt","keyId","signature"}} (root in hex, signature in base64). Whoever
 * can rewrite the database can delete the newest records together with their checkpoints; a copy of
 * the checkpoints kept elsewhere (this file on other storage, or shipped to a witness) still says how
 * large the log was, and {@code audit verify --checkpoints} holds the database to it.
 */
public final class CheckpointFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckpointFile() {
    }

    /** Appends one checkpoint, flushed to the device before returning. */
    public static synchronized void append(Path file, AuditStore.Checkpoint checkpoint) throws IOException {
        String line = JSON.createObjectNode().put("treeSize", checkpoint.treeSize())
                .put("root", HexFormat.of().formatHex(checkpoint.root())).put("signedAt", checkpoint.signedAt())
                .put("keyId", checkpoint.keyId()).put("signature", Base64.getEncoder().encodeToString(checkpoint.signature()))
                .toString() + "\n";
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }

    /** @throws IllegalArgumentException naming the first line that is not a checkpoint */
    public static List<AuditStore.Checkpoint> read(Path file) throws IOException {
        List<AuditStore.Checkpoint> checkpoints = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                checkpoints.add(new AuditStore.Checkpoint(node.get("treeSize").asLong(),
                        HexFormat.of().parseHex(node.get("root").asText()), node.get("signedAt").asText(),
                        node.get("keyId").asText(), Base64.getDecoder().decode(node.get("signature").asText())));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file + " line " + number + " is not a checkpoint");
            }
        }
        return checkpoints;
    }
}
