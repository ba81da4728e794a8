package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A customer turn with the text of each slot labelled in it, as NLU++ gives them ({@code slots.<name>.text}). */
public record LabelledTurn(String text, Map<String, String> slots) {

    /** Every turn of the NLU++ fold files ({@code fold0.json} ...) in {@code dir}, folds in order. */
    public static List<LabelledTurn> readNlupp(Path dir, ObjectMapper json) throws IOException {
        List<LabelledTurn> turns = new ArrayList<>();
        for (int fold = 0; Files.exists(dir.resolve("fold" + fold + ".json")); fold++) {
            for (JsonNode turn : json.readTree(dir.resolve("fold" + fold + ".json").toFile())) {
                Map<String, String> slots = new LinkedHashMap<>();
                turn.path("slots").properties().forEach(slot -> slots.put(slot.getKey(), slot.getValue().path("text").asText()));
                turns.add(new LabelledTurn(turn.path("text").asText(), slots));
            }
        }
        if (turns.isEmpty()) {
            throw new IOException("no fold0.json in " + dir);
        }
        return turns;
    }
}
