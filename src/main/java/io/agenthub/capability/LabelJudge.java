package io.agenthub.capability;

import java.util.Set;

/**
 * A classifying tier's answer stands when it is one of the capability's labels and its calibrated confidence reaches
 * the tier's threshold; an answer without a confidence (a generative model's) needs only to be a label. A tier with a
 * familiarity gate ({@code minFamiliarity}) also needs the request to look like its training examples, and one with a
 * known-words gate ({@code knownWords}) needs it written mostly in words its models were trained on: a confident label
 * for gibberish or another language is not an answer.
 */
record LabelJudge(Set<String> labels, double threshold, Double minFamiliarity, KnownWords knownWords)
        implements Judge<Question, LabelAnswer, TierAttempt> {

    LabelJudge(Set<String> labels, double threshold) {
        this(labels, threshold, null, null);
    }

    LabelJudge(Set<String> labels, double threshold, Double minFamiliarity) {
        this(labels, threshold, minFamiliarity, null);
    }

    @Override
    public TierAttempt judge(Question question, Tier<Question, LabelAnswer, TierAttempt> tier, LabelAnswer answer,
                             double latencyMs) {
        String label = answer == null ? null : answer.label();
        Double confidence = answer == null ? null : answer.confidence();
        String unknownWords = knownWords == null || question == null ? null : knownWords.rejection(question.text());
        String rejection = null;
        if (label == null) {
            rejection = "no answer";
        } else if (!labels.contains(label)) {
            rejection = "label '" + label + "' is not one of the capability's labels";
        } else if (minFamiliarity != null && (answer.familiarity() == null || !(answer.familiarity() >= minFamiliarity))) {
            rejection = answer.familiarity() == null ? TierAttempt.UNFAMILIAR + "unknown"
                    : String.format(TierAttempt.UNFAMILIAR + "%.3f below minimum %.3f", answer.familiarity(), minFamiliarity);
        } else if (unknownWords != null) {
            rejection = unknownWords;
        } else if (confidence != null && confidence < threshold) {
            rejection = String.format("confidence %.3f below threshold %.3f", confidence, threshold);
        }
        return new TierAttempt(tier.declaration().name(), tier.declaration().kind(), tier.model(), tier.digest(), label,
                confidence, latencyMs, rejection == null, rejection, answer == null ? null : answer.usage());
    }

    @Override
    public TierAttempt failed(Tier<Question, LabelAnswer, TierAttempt> tier, String why, double latencyMs) {
        return new TierAttempt(tier.declaration().name(), tier.declaration().kind(), tier.model(), tier.digest(), null, null,
                latencyMs, false, why, null);
    }
}
