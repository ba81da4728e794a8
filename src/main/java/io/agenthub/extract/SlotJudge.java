package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.capability.Judge;
import io.agenthub.capability.Tier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An extracting tier's answer stands when it validates against the capability's JSON Schema and every slot's text is
 * words of the request (a model may not invent a payee). The same for every tier, whichever gave the answer.
 */
record SlotJudge(SlotSchema schema) implements Judge<ExtractionRequest, SlotsAnswer, ExtractionAttempt> {

    @Override
    public ExtractionAttempt judge(ExtractionRequest request, Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> tier,
                                   SlotsAnswer answer, double latencyMs) {
        if (answer == null || answer.slots() == null) {
            return failed(tier, "no answer", latencyMs);
        }
        List<String> errors = new ArrayList<>(schema.violations(answer.slots()));
        String words = normal(request.text());
        for (Map.Entry<String, JsonNode> slot : answer.slots().properties()) {
            JsonNode said = slot.getValue().path("text");
            if (said.isTextual() && !words.contains(normal(said.asText()))) {
                errors.add("$." + slot.getKey() + ".text: '" + said.asText() + "' is not in the request");
            }
        }
        return new ExtractionAttempt(tier.declaration().name(), tier.declaration().kind(), tier.model(), tier.digest(),
                answer.slots(), latencyMs, errors.isEmpty(), List.copyOf(errors), answer.usage());
    }

    @Override
    public ExtractionAttempt failed(Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> tier, String why, double latencyMs) {
        return new ExtractionAttempt(tier.declaration().name(), tier.declaration().kind(), tier.model(), tier.digest(), null,
                latencyMs, false, List.of(why), null);
    }

    private static String normal(String text) {
        return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
