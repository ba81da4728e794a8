package io.agenthub.slm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Several trained models of one capability answering together: the weighted geometric mean of their
 * calibrated probabilities, renormalised. Heads on different encoders make different mistakes, so the
 * blend is more accurate than its best member, and averaging calibrated log-probabilities keeps it
 * calibrated (models/banking77-intent/EXPERIMENTS.md). A single member behaves exactly like that model.
 * A member with weight 0 does not vote but can still judge familiarity for the out-of-scope rule.
 */
public final class IntentEnsemble {

    /**
     * How a tier combines its models.
     *
     * @param weights               one per member (null: all equal)
     * @param outOfScopeThreshold   replaces the members' own out-of-scope probability threshold, which was
     *                              tuned for that member alone (null keeps it)
     * @param outOfScopeFamiliarity replaces the members' own minimum familiarity (null keeps it)
     */
    public record Settings(List<Double> weights, Double outOfScopeThreshold, Double outOfScopeFamiliarity) {
        public static final Settings DEFAULT = new Settings(null, null, null);
    }

    private final List<IntentModel> members;
    private final Settings settings;
    private final double[] weights;
    private final ModelCard.OutOfScope outOfScope;
    private final String digest;

    public IntentEnsemble(List<IntentModel> members) {
        this(members, Settings.DEFAULT);
    }

    public IntentEnsemble(List<IntentModel> members, Settings settings) {
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
        this.settings = settings;
        this.weights = new double[members.size()];
        if (settings.weights() == null) {
            java.util.Arrays.fill(weights, 1.0 / members.size());
        } else {
            if (settings.weights().size() != members.size() || settings.weights().stream().anyMatch(w -> w == null || w < 0)
                    || settings.weights().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
                throw new IllegalArgumentException("an ensemble needs one non-negative weight per model, not all 0; got "
                        + settings.weights() + " for " + members.size() + " models");
            }
            double sum = settings.weights().stream().mapToDouble(Double::doubleValue).sum();
            for (int m = 0; m < weights.length; m++) {
                weights[m] = settings.weights().get(m) / sum;
            }
        }
        this.outOfScope = outOfScope(this.members, settings);
        StringBuilder parts = new StringBuilder();
        for (int m = 0; m < members.size(); m++) {
            ModelCard card = members.get(m).card();
            parts.append(card.head().digest()).append(' ').append(weights[m]).append('\n');
            card.encoders().forEach(encoder -> parts.append(encoder.digest()).append('\n'));
        }
        this.digest = Digests.sha256(parts.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static IntentEnsemble of(IntentModel model) {
        return new IntentEnsemble(List.of(model));
    }

    /** Whether member {@code m} has a say in the label (weight 0: it only judges familiarity). */
    public boolean votes(int m) {
        return weights[m] > 0;
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
     * A digest of exactly what answers: each member's trained head and encoders, and the weights; two
     * ensembles with the same digest give the same answers.
     */
    public String digest() {
        return digest;
    }

    /**
     * The out-of-scope rule: the first member's that has one, with the ensemble's own threshold and
     * familiarity if it sets them. Familiarity, when the rule uses it, comes from the first member that
     * can tell.
     */
    public ModelCard.OutOfScope outOfScope() {
        return outOfScope;
    }

    private static ModelCard.OutOfScope outOfScope(List<IntentModel> members, Settings settings) {
        ModelCard.OutOfScope own = members.stream().map(m -> m.card().outOfScope()).filter(Objects::nonNull)
                .findFirst().orElse(null);
        if (own != null && settings.outOfScopeThreshold() != null) {
            own = own.withThreshold(settings.outOfScopeThreshold());
        }
        if (own != null && settings.outOfScopeFamiliarity() != null) {
            own = own.withMinFamiliarity(settings.outOfScopeFamiliarity());
        }
        return own;
    }

    /** The same members with other heads (cross-validation refits them), keeping this ensemble's settings. */
    public IntentEnsemble withMembers(List<IntentModel> others) {
        return new IntentEnsemble(others, settings);
    }

    /** @param features each member's features, in member order */
    public double[] probabilities(List<float[]> features) {
        if (members.size() == 1) {
            return members.get(0).probabilities(features.get(0));
        }
        int classes = labels().size();
        double[] logMean = new double[classes];
        for (int m = 0; m < members.size(); m++) {
            if (weights[m] == 0) {
                continue;
            }
            double[] p = members.get(m).probabilities(features.get(m));
            for (int c = 0; c < classes; c++) {
                logMean[c] += weights[m] * Math.log(Math.max(p[c], 1e-300));
            }
        }
        return Softmax.of(logMean, 1.0);
    }

    public IntentModel.Scored score(List<float[]> features) {
        return IntentModel.judge(probabilities(features), labels(), outOfScope(), familiarity(features));
    }

    /**
     * The familiarity a tier's gate reads: that of the first member with a nearest-neighbour head (it may have weight
     * 0, there only for this), NaN when no member has one.
     */
    public double gateFamiliarity(List<float[]> features) {
        for (int m = 0; m < members.size(); m++) {
            if (members.get(m).judgesFamiliarity()) {
                return members.get(m).nearestFamiliarity(features.get(m));
            }
        }
        return Double.NaN;
    }

    /** Whether {@link #gateFamiliarity} can tell. */
    public boolean judgesFamiliarity() {
        return members.stream().anyMatch(IntentModel::judgesFamiliarity);
    }

    /** The first member's familiarity that can tell (a nearest-neighbour member with the rule); NaN if none. */
    public double familiarity(List<float[]> features) {
        double familiarity = Double.NaN;
        for (int m = 0; m < members.size() && Double.isNaN(familiarity); m++) {
            familiarity = members.get(m).familiarity(features.get(m));
        }
        return familiarity;
    }
}
