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

/** {@code agent-hub extract}: one output line per input line, in order, in the documented shape; bad input is named. */
class ExtractCliTest {

    @TempDir
    Path work;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesTheSlotsOfEachLineWithTheTierThatGaveThem() throws IOException {
        Path in = Files.write(work.resolve("in.jsonl"), List.of(
                "{\"id\":\"1\",\"text\":\"can i transfer 700£ to guy kephart in 7 days\",\"referenceTime\":\"2022-03-15T09:00:00\"}",
                "{\"id\":2,\"text\":\"what did I spend on groceries last month?\",\"referenceTime\":\"2022-03-15T09:00:00Z\"}",
                "",
                "{\"id\":\"3\",\"text\":\"hello\"}"));
        Path out = work.resolve("out.jsonl");
        CliRun cli = new CliRun();

        assertThat(cli.run("extract", "--capability", "banking-slots", "--in", in.toString(), "--out", out.toString())).isZero();

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.path("id").asText()).containsExactly("1", "2", "3");
        JsonNode first = lines.get(0);
        assertThat(first.properties()).extracting(java.util.Map.Entry::getKey).containsExactly("id", "slots", "valid", "tier");
        assertThat(first.path("valid").asBoolean()).isTrue();
        assertThat(first.path("tier").asText()).isEqualTo("recognizers");
        assertThat(first.path("slots").path("amount_of_money").toString())
                .isEqualTo("{\"text\":\"700£\",\"value\":{\"amount\":700,\"currency\":\"GBP\"}}");
        assertThat(first.path("slots").path("person_name").path("text").asText()).isEqualTo("guy kephart");
        assertThat(first.path("slots").path("date").path("value").asText()).isEqualTo("2022-03-22");
        assertThat(lines.get(1).path("slots").path("date_period").path("value").toString())
                .isEqualTo("{\"type\":\"absolute\",\"from\":\"2022-02-01\",\"to\":\"2022-02-28\"}");
        assertThat(lines.get(2).path("slots").isEmpty()).isTrue();
    }

    @Test
    void badInputIsAClearErrorWithANonZeroExitAndNoOutput() throws IOException {
        Path out = work.resolve("never.jsonl");
        CliRun cli = new CliRun();
        Path broken = Files.write(work.resolve("broken.jsonl"), List.of("{\"id\":\"a\",\"text\":\"fine\"}",
                "{\"id\":\"b\",\"text\":\"on Friday\",\"referenceTime\":\"next Tuesday\"}"));

        assertThat(cli.run("extract", "--capability", "banking-slots", "--in", broken.toString(), "--out", out.toString())).isNotZero();
        assertThat(cli.err()).contains("line 2").contains("referenceTime").doesNotContain("\tat ");
        assertThat(Files.exists(out)).isFalse();

        Path fine = Files.write(work.resolve("fine.jsonl"), List.of("{\"id\":\"a\",\"text\":\"fine\"}"));
        assertThat(cli.run("extract", "--capability", "banking77-intent", "--in", fine.toString(), "--out", out.toString())).isNotZero();
        assertThat(cli.err()).contains("use predict");
        assertThat(cli.run("extract", "--capability", "no-such", "--in", fine.toString(), "--out", out.toString())).isNotZero();
        assertThat(cli.err()).contains("no capability declaration");
    }
}
