package io.agenthub.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.ExtractionCascade;
import io.agenthub.extract.ExtractionRequest;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.StepOutbox;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An extraction capability as a step of a flow ({@code ref: bankingSlotsExtractionStep}, see {@link #beanName}):
 * the values of the types the capability declares ({@code reidentify}) are read back from the vault for its
 * in-process tiers, which cannot resolve "<DATE_TIME_1>"; the answer, with every attempt, is recorded as an
 * {@code extracted} step with those values given their tokens again, so nothing stored holds them.
 */
public final class ExtractionStep {

    private final ExtractionCascade cascade;
    private final Reidentifier reidentifier;
    private final StepOutbox steps;
    private final ObjectMapper json;
    private final Clock clock;

    public ExtractionStep(ExtractionCascade cascade, Reidentifier reidentifier, StepOutbox steps, ObjectMapper json,
                          Clock clock) {
        this.cascade = cascade;
        this.reidentifier = reidentifier;
        this.steps = steps;
        this.json = json;
        this.clock = clock;
    }

    /** The bean name of a capability's step: {@code banking-slots} is {@code bankingSlotsExtractionStep}. */
    public static String beanName(String capability) {
        StringBuilder name = new StringBuilder();
        for (String word : capability.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                name.append(name.length() == 0 ? word.toLowerCase(Locale.ROOT)
                        : Character.toUpperCase(word.charAt(0)) + word.substring(1));
            }
        }
        return name + "ExtractionStep";
    }

    public ExtractionAnswer extract(HubRequest request, String requestId) {
        // read at each request: a reload of the capability's file may change it
        Set<PiiType> reveal = cascade.reidentify();
        Map<String, String> originals = reveal.isEmpty() ? Map.of() : reidentifier.originals(request.text(), reveal, requestId);
        String text = Pseudonymiser.replaceTokens(request.text(), (token, type) -> originals.get(token));
        ExtractionRequest question = new ExtractionRequest(requestId, text, LocalDateTime.now(clock), originals);
        ExtractionAnswer answer = cascade.extract(question);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("capability", answer.capability());
        detail.put("valid", answer.valid());
        detail.put("tier", answer.tier());
        detail.put("slots", answer.slots());
        detail.put("attempts", answer.attempts());
        steps.step(requestId, "extracted", question.withTokens(json.valueToTree(detail)));
        return answer;
    }
}
