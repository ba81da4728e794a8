package io.agenthub.extract;

import com.fasterxml.jackson.databind.JsonNode;
import io.agenthub.capability.TierDeclaration;
import io.agenthub.capability.TierKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An extraction capability's tiers in order, cheapest first. Every tier's answer is validated here the same way,
 * whichever tier gave it: against the capability's JSON Schema, and every slot's text must be words of the request
 * (a model may not invent a payee). The first valid answer is the answer; an invalid one moves the request on with
 * its errors and the earlier attempts. When the tiers run out the request is for people: no slots, not valid.
 * Each tier's answers are counted as valid or not ({@code agenthub.extraction.answers}), so the schema-valid rate
 * of every tier is a metric.
 */
public final class ExtractionCascade {

    public static final String PEOPLE = "people";
    static final String METRIC = "agenthub.extraction.answers";

    private final String capability;
    private final SlotSchema schema;
    private final List<ExtractionTier> tiers;
    private final MeterRegistry meters;

    public ExtractionCascade(String capability, SlotSchema schema, List<ExtractionTier> tiers, MeterRegistry meters) {
        this.capability = capability;
        this.schema = schema;
        this.tiers = List.copyOf(tiers);
        this.meters = meters;
    }

    public String capability() {
        return capability;
    }

    public SlotSchema schema() {
        return schema;
    }

    /** Runs every enabled tier, generative ones included. */
    public ExtractionAnswer extract(ExtractionRequest request) {
        return run(request, false);
    }

    /** Runs the in-process tiers only. */
    public ExtractionAnswer extractInProcess(ExtractionRequest request) {
        return run(request, true);
    }

    private ExtractionAnswer run(ExtractionRequest request, boolean inProcessOnly) {
        List<ExtractionAttempt> attempts = new ArrayList<>();
        for (ExtractionTier tier : tiers) {
            TierDeclaration declared = tier.declaration();
            if (declared.kind() == TierKind.REVIEW_QUEUE) {
                break;
            }
            if (!declared.isEnabled() || (inProcessOnly && declared.kind() != TierKind.RECOGNIZERS && declared.kind() != TierKind.GGUF)) {
                continue;
            }
            ExtractionAttempt attempt = judge(tier.attempt(request, List.copyOf(attempts)), request.text());
            attempts.add(attempt);
            count(declared.name(), attempt.valid());
            if (attempt.valid()) {
                return new ExtractionAnswer(request.id(), capability, attempt.slots(), true, attempt.tier(), List.copyOf(attempts));
            }
        }
        return new ExtractionAnswer(request.id(), capability, null, false, PEOPLE, List.copyOf(attempts));
    }

    private ExtractionAttempt judge(ExtractionAttempt attempt, String text) {
        if (attempt.slots() == null) {
            return attempt.judged(attempt.errors() == null || attempt.errors().isEmpty() ? List.of("no answer") : attempt.errors());
        }
        List<String> errors = new ArrayList<>(schema.violations(attempt.slots()));
        String words = normal(text);
        for (Map.Entry<String, JsonNode> slot : attempt.slots().properties()) {
            JsonNode said = slot.getValue().path("text");
            if (said.isTextual() && !words.contains(normal(said.asText()))) {
                errors.add("$." + slot.getKey() + ".text: '" + said.asText() + "' is not in the request");
            }
        }
        return attempt.judged(errors);
    }

    private void count(String tier, boolean valid) {
        Counter.builder(METRIC).description("Extraction answers by tier, valid against the capability's schema or not")
                .tag("capability", capability).tag("tier", tier).tag("valid", Boolean.toString(valid))
                .register(meters).increment();
    }

    /** How many of a tier's answers were valid. */
    public record Validity(long valid, long answers) {

        public double rate() {
            return answers == 0 ? 0 : (double) valid / answers;
        }
    }

    /** Each tier's schema-valid answers so far, from the metric: what {@code extract} prints and /observe/metrics shows. */
    public Map<String, Validity> validity() {
        Map<String, Validity> rates = new java.util.LinkedHashMap<>();
        for (ExtractionTier tier : tiers) {
            String name = tier.declaration().name();
            long valid = (long) counted(name, true);
            long all = valid + (long) counted(name, false);
            if (all > 0) {
                rates.put(name, new Validity(valid, all));
            }
        }
        return rates;
    }

    private double counted(String tier, boolean valid) {
        Counter counter = meters.find(METRIC).tags("capability", capability, "tier", tier, "valid", Boolean.toString(valid)).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String normal(String text) {
        return text.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
