package io.agenthub.capability;

import io.agenthub.slm.Features;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.Head;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.StratifiedFolds;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An honest estimate of what the whole cascade does on requests it never saw, from training data alone:
 * every in-process tier's head is refitted (same encoders, regularisation and temperature as its model
 * card) on k-1 folds, and the real cascade, thresholds and all, answers the held-out fold. The folds are
 * those {@code train} used, so each tier's figures agree with its model card.
 */
public final class CascadeCrossValidation {

    private CascadeCrossValidation() {
    }

    /** The cascade's answer to every text, each from a cascade whose heads never saw that text. */
    public static List<CascadeAnswer> run(CapabilityCascade cascade, List<String> texts, List<String> truth, int folds,
                                          PrintStream log) {
        List<CapabilityCascade.TierModel> tiers = cascade.inProcessModels();
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException(cascade.capability() + " has no in-process tier to cross-validate");
        }
        List<String> labels = tiers.get(0).ensemble().labels();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] y = new int[truth.size()];
        for (int i = 0; i < y.length; i++) {
            Integer label = index.get(truth.get(i));
            if (label == null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": label '" + truth.get(i) + "' is not one of "
                        + cascade.capability() + "'s labels");
            }
            y[i] = label;
        }
        for (CapabilityCascade.TierModel tier : tiers) {
            if (!tier.ensemble().labels().equals(labels)) {
                throw new IllegalArgumentException("tier " + tier.tier() + " has other labels than tier " + tiers.get(0).tier());
            }
        }
        Map<IntentModel, float[][]> features = new HashMap<>();
        for (CapabilityCascade.TierModel tier : tiers) {
            for (IntentModel member : tier.ensemble().members()) {
                log.printf("Encoding %d examples for tier %s, %s@%s (%s)%n", texts.size(), tier.tier(),
                        member.card().capability(), member.card().version(),
                        member.card().encoders().stream().map(ModelCard.EncoderRef::id).toList());
                features.computeIfAbsent(member, m -> Features.of(m.encoders(), texts, done -> { }));
            }
        }
        long seed = tiers.get(0).ensemble().members().get(0).card().crossValidation().seed();
        int[] fold = StratifiedFolds.assign(y, labels.size(), folds, seed);
        CascadeAnswer[] answers = new CascadeAnswer[texts.size()];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                (fold[i] == f ? held : train).add(i);
            }
            int[] trainY = train.stream().mapToInt(i -> y[i]).toArray();
            Map<IntentModel, IntentModel> refitted = new HashMap<>();
            Map<String, IntentEnsemble> byTier = new HashMap<>();
            for (CapabilityCascade.TierModel tier : tiers) {
                List<IntentModel> members = new ArrayList<>();
                for (IntentModel member : tier.ensemble().members()) {
                    members.add(refitted.computeIfAbsent(member, m -> refit(m, features.get(m), train, trainY, labels.size())));
                }
                byTier.put(tier.tier(), new IntentEnsemble(members));
            }
            List<String> heldTexts = held.stream().map(texts::get).toList();
            List<CascadeAnswer> foldAnswers = BatchScorer.scoreAll(cascade.withModels(byTier), heldTexts, 32);
            for (int k = 0; k < held.size(); k++) {
                answers[held.get(k)] = foldAnswers.get(k);
            }
            log.printf("  fold %d/%d done%n", f + 1, folds);
        }
        return Arrays.asList(answers);
    }

    /** The model with its head refitted on the training rows, with the card's settings and temperature. */
    private static IntentModel refit(IntentModel model, float[][] x, List<Integer> rows, int[] y, int classes) {
        ModelCard card = model.card();
        Head head = card.head().fitter().fit(rows.stream().map(i -> x[i]).toArray(float[][]::new), y, classes)
                .withTemperature(card.head().temperature());
        return new IntentModel(card, head, model.encoders());
    }
}
