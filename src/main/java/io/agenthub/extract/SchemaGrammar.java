package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import de.kherud.llama.LlamaModel;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A capability's JSON Schema as a llama.cpp grammar (GBNF), so a GGUF model can only write what the schema allows.
 * llama.cpp's converter keeps keys, types, enums, required fields, string lengths, item counts and simple patterns,
 * but not a number's bounds; a number the schema wants positive ({@code exclusiveMinimum: 0}) gets this rule in its
 * place: an amount of money, above nought, below a billion, at most two decimals. What the grammar still cannot say
 * (a date that exists, words that are the request's) the cascade checks after, as for every tier.
 */
final class SchemaGrammar {

    private static final String POSITIVE = "positive-amount";
    private static final String POSITIVE_RULE = POSITIVE + " ::= ([1-9] [0-9]{0,8} (\".\" [0-9]{1,2})? | \"0.\" ([1-9] [0-9]? | \"0\" [1-9])) space";

    private SchemaGrammar() {
    }

    static String of(SlotSchema schema) {
        String grammar = LlamaModel.jsonSchemaToGrammar(schema.text());
        Set<String> positive = new LinkedHashSet<>();
        positiveNumbers(schema.document(), positive);
        if (positive.isEmpty()) {
            return grammar;
        }
        StringBuilder out = new StringBuilder();
        for (String line : grammar.split("\n")) {
            Matcher kv = KV.matcher(line);
            out.append(kv.matches() && positive.contains(kv.group(2)) ? kv.group(1) + POSITIVE : line).append('\n');
        }
        return out.append(POSITIVE_RULE).append('\n').toString();
    }

    /** {@code x-kv ::= "\"amount\"" space ":" space number} */
    private static final Pattern KV = Pattern.compile("(\\S+-kv ::= \"\\\\\"([^\"\\\\]+)\\\\\"\" space \":\" space )number");

    private static void positiveNumbers(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
                JsonNode value = property.getValue();
                if ("number".equals(value.path("type").asText()) && (value.path("exclusiveMinimum").asDouble(-1) >= 0
                        || value.path("minimum").asDouble(0) > 0)) {
                    names.add(property.getKey());
                }
            }
            node.elements().forEachRemaining(child -> positiveNumbers(child, names));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> positiveNumbers(child, names));
        }
    }
}
