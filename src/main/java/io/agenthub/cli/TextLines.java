package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input files of the scoring commands: JSON lines, each with an {@code "id"} and a non-empty {@code "text"}.
 * Every line is read before any work, so a bad line fails the command, naming its number, before output is written.
 */
final class TextLines {

    /** One input line: its number in the file, its id and text, and the whole object for the fields a command adds. */
    record Line(int number, String id, String text, JsonNode node) {
    }

    private TextLines() {
    }

    static List<Line> read(Path file, ObjectMapper json) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file);
        }
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException e) {
                    throw new IOException(file + " line " + number + ": not JSON");
                }
                JsonNode id = node.get("id");
                JsonNode text = node.get("text");
                if (id == null || id.isNull() || text == null || !text.isTextual() || text.asText().isBlank()) {
                    throw new IOException(file + " line " + number + ": needs \"id\" and a non-empty \"text\"");
                }
                lines.add(new Line(number, id.asText(), text.asText(), node));
            }
        }
        return lines;
    }
}
