package io.agenthub.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agenthub.connectors.Reidentifier;
import io.agenthub.extract.ExtractionAnswer;
import io.agenthub.extract.ExtractionCascade;
import io.agenthub.extract.ExtractionRequest;
import io.agenthub.api.HubRequest;
import io.agenthub.api.PiiType;
import io.agenthub.pii.Pseudonymiser;
import io.agenthub.store.StepOutbox;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An extraction capability as a step of a flow (bound under the capability's id, {@code ref: banking-slots}):
 * the values of the types the capability declares ({@code reidentify}) are read back from the vault for its
 * in-process tiers, which cannot resolve "<DATE_TIME_1>"; the answer, with every attempt, is recorded as an
 * {@code extracted} step with those values given their tokens again, so nothing stored holds them.
 */
public final class ExtractionStep {

    private final ExtractionCascade cascade;
    private final Set<PiiType> reveal;
    private final Reidentifier reidentifier;
    private final StepOutbox steps;
    private final ObjectMapper json;
    private final Clock clock;

    public ExtractionStep(ExtractionCascade cascade, Set<PiiType> reveal, Reidentifier reidentifier, StepOutbox steps,
                          ObjectMapper json, Clock clock) {
        this.cascade = cascade;
        this.reveal = Set.copyOf(reveal);
        this.reidentifier = reidentifier;
        this.steps = steps;
        this.json = json;
        this.clock = clock;
    }

    public ExtractionAnswer extract(HubRequest request, String requestId) {
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
