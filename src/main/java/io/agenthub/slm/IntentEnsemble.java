package io.agenthub.slm;

import java.util.List;

/**
 * Several trained models of one capability answering together: the geometric mean of their calibrated
 * probabilities, renormalised. Heads on different encoders make different mistakes, so the blend is
 * more accurate than its best member, and averaging calibrated log-probabilities keeps it calibrated
 * (models/banking77-intent/EXPERIMENTS.md). A single member behaves exactly like that model.
 */
public final class IntentEnsemble {

    private final List<IntentModel> members;
    private final Double outOfScopeThreshold;

    public IntentEnsemble(List<IntentModel> members) {
        this(members, null);
    }

    /**
     * @param outOfScopeThreshold replaces the members' own out-of-scope threshold, which was tuned for that
     *                            member alone (null keeps it)
     */
    public IntentEnsemble(List<IntentModel> members, Double outOfScopeThreshold) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        List<String> labels = members.get(0).card().labels();
        for (IntentModel member : members) {
            if (!member.card().labels().equals(labels)) {
                throw new IllegalArgumentException(member.card().capability() + "@" + member.card().version()
                        + " has other labels than " + members.get(0).card().version() + "; an ensemble's models must agree");
            }
        }
        this.members = List.copyOf(members);
        this.outOfScopeThreshold = outOfScopeThreshold;
    }

    public static IntentEnsemble of(IntentModel model) {
        return new IntentEnsemble(List.of(model));
    }

    public List<IntentModel> members() {
        return members;
    }

    public List<String> labels() {
        return members.get(0).card().labels();
    }

    /** {@code capability@v3} for one model, {@code capability@v3+v4} for several. */
    public String id() {
        StringBuilder id = new StringBuilder(members.get(0).card().capability()).append('@');
        for (int m = 0; m < members.size(); m++) {
            id.append(m == 0 ? "" : "+").append(members.get(m).card().version());
        }
        return id.toString();
    }

    /**
     * The out-of-scope rule: the first member's that has one, with the ensemble's own threshold if it has
     * one. Familiarity, when the rule uses it, comes from the first member that can tell.
     */
    public ModelCard.OutOfScope outOfScope() {
        ModelCard.OutOfScope own = members.stream().map(m -> m.card().outOfScope()).filter(java.util.Objects::nonNull)
                .findFirst().orElse(null);
        return own == null || outOfScopeThreshold == null ? own : own.withThreshold(outOfScopeThreshold);
    }

    /** The same members with other heads (cross-validation refits them), keeping this ensemble's settings. */
    public IntentEnsemble withMembers(List<IntentModel> others) {
        return new IntentEnsemble(others, outOfScopeThreshold);
    }

    /** @param features each member's features, in member order */
    public double[] probabilities(List<float[]> features) {
        if (members.size() == 1) {
            return members.get(0).probabilities(features.get(0));
        }
        int classes = labels().size();
        double[] logSum = new double[classes];
        for (int m = 0; m < members.size(); m++) {
            double[] p = members.get(m).probabilities(features.get(m));
            for (int c = 0; c < classes; c++) {
                logSum[c] += Math.log(Math.max(p[c], 1e-300));
            }
        }
        for (int c = 0; c < classes; c++) {
            logSum[c] /= members.size();
        }
        return Softmax.of(logSum, 1.0);
    }

    public IntentModel.Scored score(List<float[]> features) {
        double familiarity = Double.NaN;
        for (int m = 0; m < members.size() && Double.isNaN(familiarity); m++) {
            familiarity = members.get(m).familiarity(features.get(m));
        }
        return IntentModel.judge(probabilities(features), labels(), outOfScope(), familiarity);
    }
}
