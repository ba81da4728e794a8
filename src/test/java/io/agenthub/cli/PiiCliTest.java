package io.agenthub.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `pii scan` with the shipped settings and tagger: the line format, the types, and bad input. */
class PiiCliTest {

    private final ObjectMapper json = new ObjectMapper();

    private final CliRun cli = new CliRun();

    @Test
    void scanWritesOneLineOfSpansPerInputLine(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), """
                {"id":"a","text":"My name is Maria Gonzalez and I live at 42 Baker Street, London."}
                {"id":7,"text":"Card 4111 1111 1111 1111 was charged twice"}
                {"id":"c","text":"What is my balance?"}
                """);
        Path out = dir.resolve("out.jsonl");

        assertThat(cli.run("pii", "scan", "--in", in.toString(), "--out", out.toString())).as(cli.err()).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("id").asText()).isEqualTo("a");
        assertThat(types(lines.get(0))).contains("PERSON", "STREET_ADDRESS");
        JsonNode person = spansOf(lines.get(0), "PERSON").get(0);
        assertThat(person.get("start").asInt()).isEqualTo(11);
        assertThat(lines.get(1).get("id").asInt()).isEqualTo(7);
        assertThat(types(lines.get(1))).containsExactly("CREDIT_CARD");
        assertThat(lines.get(2).get("spans")).isEmpty();
    }

    @Test
    void aBadLineIsNamedNotAStackTrace(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"a\",\"text\":\"fine\"}\n{\"id\":\"b\"}\n");

        assertThat(cli.run("pii", "scan", "--in", in.toString(), "--out", dir.resolve("out.jsonl").toString())).isEqualTo(1);
        assertThat(cli.err()).contains("line 2").doesNotContain("\tat ");
    }

    private static List<String> types(JsonNode line) {
        List<String> types = new ArrayList<>();
        line.get("spans").forEach(s -> types.add(s.get("type").asText()));
        return types;
    }

    private static List<JsonNode> spansOf(JsonNode line, String type) {
        List<JsonNode> spans = new ArrayList<>();
        line.get("spans").forEach(s -> {
            if (s.get("type").asText().equals(type)) {
                spans.add(s);
            }
        });
        return spans;
    }
}
