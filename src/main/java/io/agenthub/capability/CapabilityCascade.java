package io.agenthub.capability;

import io.agenthub.slm.IntentEnsemble;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A classifying capability: its {@link Cascade} of tiers, each answer judged against the capability's labels and its
 * tier's calibrated threshold ({@link LabelJudge}). When no tier is confident, the valid answer of the last tier that
 * gave one is returned as escalated: tiers are ordered from cheapest to most capable, so that answer is the best
 * informed (an ensemble that saw the first tier's encoder and more beats that tier, even when less sure).
 *
 * <p>Routes hold this object (the front door's {@code frontDoorCapabilityCascade}); {@code run --reload} replaces what it runs
 * in one step when processors/ changes, so a request sees either the old tiers or the new, never a mix.
 */
public final class CapabilityCascade {

    /**
     * The tiers and the labels they are judged against, replaced together; {@code outOfScope} is the label a model of
     * the capability gives a request outside all its intents, null when none does.
     */
    private record Built(Cascade<Question, LabelAnswer, TierAttempt> cascade, Set<String> labels, String outOfScope) {
    }

    private final String capability;
    private volatile Built built;

    CapabilityCascade(String capability, Cascade<Question, LabelAnswer, TierAttempt> cascade, Set<String> labels) {
        this(capability, cascade, labels, null);
    }

    CapabilityCascade(String capability, Cascade<Question, LabelAnswer, TierAttempt> cascade, Set<String> labels,
                      String outOfScope) {
        this.capability = capability;
        this.built = new Built(cascade, Set.copyOf(labels), outOfScope);
    }

    public String capability() {
        return capability;
    }

    public Set<String> allowedLabels() {
        return built.labels();
    }

    /** The label its models give a request outside all its intents; empty when no model of it recognises one. */
    public Optional<String> outOfScopeLabel() {
        return Optional.ofNullable(built.outOfScope());
    }

    /** Runs every enabled tier, including generative ones. */
    public CascadeAnswer classify(String text) {
        return answer(built, text, false);
    }

    /** Runs only the in-process tiers: what {@code predict} reports. */
    public CascadeAnswer classifyInProcess(String text) {
        return answer(built, text, true);
    }

    private CascadeAnswer answer(Built now, String text, boolean inProcessOnly) {
        List<TierAttempt> attempts = now.cascade().run(Question.of(text), inProcessOnly);
        TierAttempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
        if (last != null && last.accepted()) {
            return new CascadeAnswer(capability, last.label(), last.confidence(), last.tier(), last.model(), false, attempts);
        }
        for (int i = attempts.size() - 1; i >= 0; i--) {
            TierAttempt valid = attempts.get(i);
            if (valid.label() != null && now.labels().contains(valid.label()) && valid.confidence() != null) {
                return new CascadeAnswer(capability, valid.label(), valid.confidence(), valid.tier(), valid.model(), true, attempts);
            }
        }
        return new CascadeAnswer(capability, null, 0.0, null, null, true, attempts);
    }

    /** From now on, answers with {@code other}'s tiers and labels (a reload of its declaration). */
    void replaceWith(CapabilityCascade other) {
        built = other.built;
    }

    /** This cascade with some in-process tiers' models replaced, by tier name; thresholds and order stay. */
    public CapabilityCascade withModels(Map<String, IntentEnsemble> byTier) {
        Built now = built;
        return new CapabilityCascade(capability, now.cascade().withTiers(t -> t instanceof EncoderHeadTier head
                && byTier.containsKey(head.declaration().name()) ? head.withEnsemble(byTier.get(head.declaration().name())) : t),
                now.labels(), now.outOfScope());
    }

    /** The encoders the in-process tiers share (cross-validation registers stand-ins there). */
    EncoderPool encoderPool() {
        return heads().stream().map(EncoderHeadTier::pool).findFirst()
                .orElseThrow(() -> new IllegalStateException(capability + " has no in-process tier"));
    }

    /** An in-process tier's model, for commands that score it on its own. */
    public record TierModel(String tier, double threshold, IntentEnsemble ensemble) {
    }

    public List<TierModel> inProcessModels() {
        return heads().stream().map(t -> new TierModel(t.declaration().name(), t.declaration().threshold(), t.ensemble())).toList();
    }

    private List<EncoderHeadTier> heads() {
        return built.cascade().tiers().stream().filter(t -> t instanceof EncoderHeadTier).map(t -> (EncoderHeadTier) t).toList();
    }
}
