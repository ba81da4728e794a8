package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Slots as the answer's JSON: {@code {"<name>": {"text": ..., "value": ...}}}, values in the schema's canonical form
 * (dates {@code 2022-03-14}, times {@code 14:30}, money {@code {"amount": 27.5, "currency": "GBP"}}). A name found
 * twice keeps its first occurrence: the schema holds one value per slot, as NLU++ labels it.
 */
public final class SlotJson {

    private final ObjectMapper json;

    public SlotJson(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode answer(List<Slot> slots) {
        ObjectNode answer = json.createObjectNode();
        for (Slot slot : slots) {
            if (!answer.has(slot.name())) {
                answer.set(slot.name(), json.createObjectNode().put("text", slot.text()).set("value", value(slot.value())));
            }
        }
        return answer;
    }

    private JsonNode value(Object value) {
        if (value instanceof Money m) {
            return json.createObjectNode().put("amount", m.amount()).put("currency", m.currency());
        }
        if (value instanceof LocalDate || value instanceof String) {
            return json.getNodeFactory().textNode(value.toString());
        }
        if (value instanceof ClockTime t) {
            return json.getNodeFactory().textNode(String.format(Locale.ROOT, "%02d:%02d", t.hour(), t.minute()));
        }
        if (value instanceof DatePeriod p) {
            ObjectNode node = json.createObjectNode().put("type", p.type());
            if (p.from() != null) {
                node.put("from", p.from().toString());
            }
            if (p.to() != null) {
                node.put("to", p.to().toString());
            }
            return p.days() == null ? node : node.put("days", p.days());
        }
        if (value instanceof TimePeriod p) {
            ObjectNode node = json.createObjectNode().put("type", p.type());
            return p.minutes() == null ? node : node.put("minutes", p.minutes());
        }
        if (value instanceof Integer n) {
            return json.getNodeFactory().numberNode(n);
        }
        if (value instanceof List<?> items) {
            ArrayNode array = json.createArrayNode();
            items.forEach(item -> array.add(value(item)));
            return array;
        }
        throw new IllegalArgumentException("no JSON form for a slot value of " + value.getClass().getSimpleName());
    }
}
