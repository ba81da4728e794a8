package io.agenthub.extract;

import io.agenthub.api.PiiType;
import io.agenthub.capability.CapabilityDeclaration;
import io.agenthub.capability.Cascade;
import io.agenthub.capability.Tier;
import io.agenthub.capability.TierAnswers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An extracting capability: its {@link Cascade} of tiers, every answer judged the same way whichever tier gave it
 * ({@link SlotJudge}: the capability's JSON Schema, and every slot's text must be words of the request). The first
 * valid answer is the answer; when the tiers run out the request is for people: no slots, not valid. Each tier's
 * answers are counted as valid or not ({@code agenthub.extraction.answers}), so the schema-valid rate of every tier
 * is a metric.
 *
 * <p>Flows hold this object; {@code run --reload} replaces what it runs in one step when processors/ changes.
 */
public final class ExtractionCascade {

    public static final String PEOPLE = "people";
    static final String METRIC = "agenthub.extraction.answers";
    static final String METRIC_DESCRIPTION = "Extraction answers by tier, valid against the capability's schema or not";

    /** The tiers, the schema they are judged against and the types read back for them, replaced together. */
    private record Built(Cascade<ExtractionRequest, SlotsAnswer, ExtractionAttempt> cascade, SlotSchema schema,
                         Set<PiiType> reidentify) {
    }

    private final String capability;
    private final TierAnswers answers;
    private volatile Built built;

    ExtractionCascade(CapabilityDeclaration declaration, SlotSchema schema,
                      List<Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt>> tiers, TierAnswers answers) {
        this.capability = declaration.capability();
        this.answers = answers;
        SlotJudge judge = new SlotJudge(schema);
        this.built = new Built(new Cascade<>(tiers.stream().map(t -> new Cascade.Stage<>(t, judge)).toList(), answers), schema,
                declaration.reidentify());
    }

    public String capability() {
        return capability;
    }

    public SlotSchema schema() {
        return built.schema();
    }

    /** The personal-data types whose values the in-process tiers read in clear (the declaration's {@code reidentify}). */
    public Set<PiiType> reidentify() {
        return built.reidentify();
    }

    /** Runs every enabled tier, generative ones included. */
    public ExtractionAnswer extract(ExtractionRequest request) {
        return answer(request, false);
    }

    /** Runs the in-process tiers only. */
    public ExtractionAnswer extractInProcess(ExtractionRequest request) {
        return answer(request, true);
    }

    private ExtractionAnswer answer(ExtractionRequest request, boolean inProcessOnly) {
        List<ExtractionAttempt> attempts = built.cascade().run(request, inProcessOnly);
        ExtractionAttempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        return last != null && last.valid()
                ? new ExtractionAnswer(request.id(), capability, last.slots(), true, last.tier(), attempts)
                : new ExtractionAnswer(request.id(), capability, null, false, PEOPLE, attempts);
    }

    /** From now on, answers with {@code other}'s tiers, schema and read-back types (a reload of its declaration). */
    void replaceWith(ExtractionCascade other) {
        built = other.built;
    }

    /** How many of a tier's answers were valid. */
    public record Validity(long valid, long answers) {

        public double rate() {
            return answers == 0 ? 0 : (double) valid / answers;
        }
    }

    /** Each tier's schema-valid answers so far, from the metric: what {@code extract} prints and /observe/metrics shows. */
    public Map<String, Validity> validity() {
        Map<String, Validity> rates = new LinkedHashMap<>();
        for (Tier<ExtractionRequest, SlotsAnswer, ExtractionAttempt> tier : built.cascade().tiers()) {
            String name = tier.declaration().name();
            long valid = answers.counted(name, true);
            long all = valid + answers.counted(name, false);
            if (all > 0) {
                rates.put(name, new Validity(valid, all));
            }
        }
        return rates;
    }
}
