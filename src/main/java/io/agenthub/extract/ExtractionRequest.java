package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One text to extract from, and the time its relative dates and times ("yesterday", "in 2 hours") count from.
 *
 * @param revealed the personal values put back into {@code text} for the in-process tiers, by token
 *                 ({@code DATE_TIME_1} → "3 November"); generative tiers get the tokens instead, and whatever
 *                 is stored of the answer is given its tokens back ({@link #withTokens(String)})
 */
public record ExtractionRequest(String id, String text, LocalDateTime referenceTime, Map<String, String> revealed) {

    public ExtractionRequest {
        revealed = revealed == null ? Map.of() : Map.copyOf(revealed);
    }

    public ExtractionRequest(String id, String text, LocalDateTime referenceTime) {
        this(id, text, referenceTime, Map.of());
    }

    /** {@code other} (the request's text) with every revealed value replaced by its token again. */
    public String withTokens(String other) {
        return PromptRedaction.tokenise(other, revealed);
    }

    /**
     * {@code node} (an answer, a record of attempts) with every revealed value in its strings replaced by its token;
     * keys, numbers and structure stay as they are, whatever the values are.
     */
    public JsonNode withTokens(JsonNode node) {
        if (revealed.isEmpty() || node == null) {
            return node;
        }
        if (node.isTextual()) {
            return TextNode.valueOf(withTokens(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), withTokens(field.getValue())));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(item -> copy.add(withTokens(item)));
            return copy;
        }
        return node;
    }

    /** {@code answer} with this request's revealed tokens replaced by their values. */
    String restore(String answer) {
        return PromptRedaction.restore(answer, revealed);
    }
}
