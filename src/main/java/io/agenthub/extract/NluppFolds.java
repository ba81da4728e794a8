package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NLU++ fold files ({@code [{"text", "intents", "slots": {"<name>": {"text", "span": [start, end), ...}}}]}), one
 * fold per file, with each slot's characters: what the tagger learns from and is measured on.
 */
public final class NluppFolds {

    /** A labelled turn of one fold. */
    public record Turn(String text, List<SlotTagger.GoldSpan> slots) {

        /** The labelled slots' texts by name, as {@link SlotScore} counts them. */
        public Map<String, String> texts() {
            Map<String, String> texts = new java.util.LinkedHashMap<>();
            slots.forEach(s -> texts.put(s.name(), text.substring(s.start(), s.end())));
            return texts;
        }
    }

    private NluppFolds() {
    }

    /** Each file's turns, files in the order given. */
    public static List<List<Turn>> read(List<Path> files, ObjectMapper json) throws IOException {
        List<List<Turn>> folds = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("no fold file " + file);
            }
            JsonNode root = json.readTree(file.toFile());
            if (!root.isArray()) {
                throw new IOException(file + " is not an NLU++ fold (a JSON array of turns)");
            }
            List<Turn> turns = new ArrayList<>();
            for (JsonNode turn : root) {
                String text = turn.path("text").asText();
                List<SlotTagger.GoldSpan> slots = new ArrayList<>();
                for (Map.Entry<String, JsonNode> slot : turn.path("slots").properties()) {
                    slots.add(span(text, slot.getKey(), slot.getValue(), file));
                }
                turns.add(new Turn(text, List.copyOf(slots)));
            }
            folds.add(List.copyOf(turns));
        }
        return List.copyOf(folds);
    }

    /** The slot's characters: its span when that holds its text, else where its text first occurs. */
    private static SlotTagger.GoldSpan span(String text, String name, JsonNode slot, Path file) throws IOException {
        String words = slot.path("text").asText();
        JsonNode span = slot.path("span");
        if (span.isArray() && span.size() == 2) {
            int start = span.get(0).asInt();
            int end = span.get(1).asInt();
            if (start >= 0 && end <= text.length() && start < end && text.substring(start, end).equals(words)) {
                return new SlotTagger.GoldSpan(name, start, end);
            }
        }
        int at = text.indexOf(words);
        if (words.isEmpty() || at < 0) {
            throw new IOException(file + ": slot " + name + " '" + words + "' is not in its text");
        }
        return new SlotTagger.GoldSpan(name, at, at + words.length());
    }
}
