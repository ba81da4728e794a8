package io.agenthub.capability;

import io.agenthub.slm.IntentEnsemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A capability's tiers in order, cheapest first. A request is answered by the first tier whose answer
 * is valid and confident enough; otherwise it moves on carrying the earlier attempts. When the review
 * queue is reached, or the tiers run out, the valid answer of the last tier that gave one is returned as
 * escalated: tiers are ordered from cheapest to most capable, so that answer is the best informed
 * (an ensemble that saw the first tier's encoder and more beats that tier, even when less sure).
 * Every tier's answer is validated here, the same way, whichever tier gave it.
 */
public final class CapabilityCascade {

    private final String capability;
    private final List<Tier> tiers;
    private final Set<String> allowedLabels;

    CapabilityCascade(String capability, List<Tier> tiers, Set<String> allowedLabels) {
        this.capability = capability;
        this.tiers = List.copyOf(tiers);
        this.allowedLabels = Set.copyOf(allowedLabels);
    }

    public String capability() {
        return capability;
    }

    public Set<String> allowedLabels() {
        return allowedLabels;
    }

    /** Runs every enabled tier, including generative ones. */
    public CascadeAnswer classify(String text) {
        return run(text, false);
    }

    /** Runs only the in-process tiers: what {@code predict} reports. */
    public CascadeAnswer classifyInProcess(String text) {
        return run(text, true);
    }

    private CascadeAnswer run(String text, boolean inProcessOnly) {
        Question question = Question.of(text);
        List<TierAttempt> attempts = new ArrayList<>();
        for (Tier tier : tiers) {
            TierDeclaration declared = tier.declaration();
            if (declared.kind() == TierKind.REVIEW_QUEUE) {
                break;
            }
            if (!declared.isEnabled() || (inProcessOnly && declared.kind() != TierKind.ENCODER_HEAD)) {
                continue;
            }
            TierAttempt attempt = judge(tier.attempt(question, List.copyOf(attempts)), declared);
            attempts.add(attempt);
            if (attempt.accepted()) {
                return new CascadeAnswer(capability, attempt.label(), attempt.confidence(), attempt.tier(),
                        attempt.model(), false, List.copyOf(attempts));
            }
        }
        return escalated(attempts);
    }

    /** Applies the same validation and threshold to every tier's answer. */
    private TierAttempt judge(TierAttempt attempt, TierDeclaration declared) {
        String rejection = attempt.rejection();
        if (rejection == null && attempt.label() == null) {
            rejection = "no answer";
        } else if (rejection == null && !allowedLabels.contains(attempt.label())) {
            rejection = "label '" + attempt.label() + "' is not one of the capability's labels";
        } else if (rejection == null && attempt.confidence() != null && attempt.confidence() < declared.thresholdOrZero()) {
            rejection = String.format("confidence %.3f below threshold %.3f", attempt.confidence(), declared.thresholdOrZero());
        }
        return attempt.judged(rejection);
    }

    private CascadeAnswer escalated(List<TierAttempt> attempts) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            TierAttempt last = attempts.get(i);
            if (last.label() != null && allowedLabels.contains(last.label()) && last.confidence() != null) {
                return new CascadeAnswer(capability, last.label(), last.confidence(), last.tier(), last.model(), true,
                        List.copyOf(attempts));
            }
        }
        return new CascadeAnswer(capability, null, 0.0, null, null, true, List.copyOf(attempts));
    }

    /** This cascade with some in-process tiers' models replaced, by tier name; thresholds and order stay. */
    public CapabilityCascade withModels(Map<String, IntentEnsemble> byTier) {
        List<Tier> swapped = tiers.stream().map(t -> t instanceof EncoderHeadTier head && byTier.containsKey(
                t.declaration().name()) ? (Tier) head.withEnsemble(byTier.get(t.declaration().name())) : t).toList();
        return new CapabilityCascade(capability, swapped, allowedLabels);
    }

    /** The encoders the in-process tiers share (cross-validation registers stand-ins there). */
    EncoderPool encoderPool() {
        return tiers.stream().filter(t -> t instanceof EncoderHeadTier).map(t -> ((EncoderHeadTier) t).pool())
                .findFirst().orElseThrow(() -> new IllegalStateException(capability + " has no in-process tier"));
    }

    /** An in-process tier's model, for commands that score it on its own. */
    public record TierModel(String tier, double threshold, IntentEnsemble ensemble) {
    }

    public List<TierModel> inProcessModels() {
        return tiers.stream().filter(t -> t instanceof EncoderHeadTier).map(t -> (EncoderHeadTier) t)
                .map(t -> new TierModel(t.declaration().name(), t.declaration().thresholdOrZero(), t.ensemble())).toList();
    }
}
