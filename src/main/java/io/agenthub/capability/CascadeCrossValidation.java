package io.agenthub.capability;

import io.agenthub.slm.Encoder;
import io.agenthub.slm.Features;
import io.agenthub.slm.IntentEnsemble;
import io.agenthub.slm.IntentModel;
import io.agenthub.slm.Head;
import io.agenthub.slm.ModelCard;
import io.agenthub.slm.OutOfFoldEncoder;
import io.agenthub.slm.StratifiedFolds;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An honest estimate of what the whole cascade does on requests it never saw, from training data alone:
 * every in-process tier's head is refitted (same encoders, regularisation and temperature as its model
 * card) on k-1 folds, and the real cascade, thresholds and all, answers the held-out fold. The folds are
 * those {@code train} used, so each tier's figures agree with its model card. A model whose encoder was
 * tuned with its head cannot be refitted here; it answers each text with the logits its own fold runs gave
 * it ({@link OutOfFoldEncoder}), from a network that never saw that text.
 */
public final class CascadeCrossValidation {

    private CascadeCrossValidation() {
    }

    /**
     * One held-out text as the refitted in-process tiers saw it: its fold, and each tier's probability for every
     * label (the labels in the order of the first tier's models). Written by {@code eval --folds K --oof FILE}, so a
     * model trained elsewhere on the same folds can be blended with the cascade's members and judged fairly.
     */
    public record OutOfFold(int index, int fold, String label, Map<String, double[]> tiers) {
    }

    /** The cascade's answer to every text, each from a cascade whose heads never saw that text. */
    public static List<CascadeAnswer> run(CapabilityCascade cascade, List<String> texts, List<String> truth, int folds,
                                          PrintStream log) {
        return run(cascade, texts, truth, folds, log, null);
    }

    /** As {@link #run(CapabilityCascade, List, List, int, PrintStream)}, handing each text's tier probabilities to {@code outOfFold}. */
    public static List<CascadeAnswer> run(CapabilityCascade cascade, List<String> texts, List<String> truth, int folds,
                                          PrintStream log, java.util.function.Consumer<OutOfFold> outOfFold) {
        List<CapabilityCascade.TierModel> tiers = tiersOf(cascade);
        List<String> labels = tiers.get(0).ensemble().labels();
        int[] y = labelIndices(cascade, labels, truth);
        Map<String, IntentModel> tuned = outOfFoldStandIns(cascade, tiers);
        Map<String, float[][]> features = encode(tiers, tuned, texts, log);
        long seed = tiers.get(0).ensemble().members().get(0).card().crossValidation().seed();
        int[] fold = StratifiedFolds.assign(y, labels.size(), folds, seed);
        CascadeAnswer[] answers = new CascadeAnswer[texts.size()];
        for (int f = 0; f < folds; f++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                (fold[i] == f ? held : train).add(i);
            }
            CapabilityCascade refitted = refitted(cascade, tiers, tuned, features, train, y, labels.size());
            List<String> heldTexts = held.stream().map(texts::get).toList();
            List<CascadeAnswer> foldAnswers = BatchScorer.scoreAll(refitted, heldTexts, 32);
            for (int k = 0; k < held.size(); k++) {
                answers[held.get(k)] = foldAnswers.get(k);
            }
            if (outOfFold != null) {
                for (int i : held) {
                    Map<String, double[]> byTier = new java.util.LinkedHashMap<>();
                    for (CapabilityCascade.TierModel tier : refitted.inProcessModels()) {
                        byTier.put(tier.tier(), tier.ensemble().probabilities(tier.ensemble().members().stream()
                                .map(member -> features.get(encoderKey(member))[i]).toList()));
                    }
                    outOfFold.accept(new OutOfFold(i, f, truth.get(i), byTier));
                }
            }
            log.printf("  fold %d/%d done%n", f + 1, folds);
        }
        return Arrays.asList(answers);
    }

    /** The fold {@link #run} holds each text out in (the folds {@code train} used), for figures by fold. */
    public static int[] foldsOf(CapabilityCascade cascade, List<String> truth, int folds) {
        List<CapabilityCascade.TierModel> tiers = tiersOf(cascade);
        List<String> labels = tiers.get(0).ensemble().labels();
        long seed = tiers.get(0).ensemble().members().get(0).card().crossValidation().seed();
        return StratifiedFolds.assign(labelIndices(cascade, labels, truth), labels.size(), folds, seed);
    }

    /**
     * The cascade with every in-process tier's heads refitted on the given examples only (same encoders,
     * settings and temperatures as their model cards): benchmarks use it to score on a split it never saw.
     */
    public static CapabilityCascade refit(CapabilityCascade cascade, List<String> texts, List<String> truth,
                                          PrintStream log) {
        List<CapabilityCascade.TierModel> tiers = tiersOf(cascade);
        List<String> labels = tiers.get(0).ensemble().labels();
        int[] y = labelIndices(cascade, labels, truth);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            all.add(i);
        }
        Map<String, IntentModel> tuned = outOfFoldStandIns(cascade, tiers);
        return refitted(cascade, tiers, tuned, encode(tiers, tuned, texts, log), all, y, labels.size());
    }

    private static List<CapabilityCascade.TierModel> tiersOf(CapabilityCascade cascade) {
        List<CapabilityCascade.TierModel> tiers = cascade.inProcessModels();
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException(cascade.capability() + " has no in-process tier to refit");
        }
        for (CapabilityCascade.TierModel tier : tiers) {
            if (!tier.ensemble().labels().equals(tiers.get(0).ensemble().labels())) {
                throw new IllegalArgumentException("tier " + tier.tier() + " has other labels than tier " + tiers.get(0).tier());
            }
        }
        return tiers;
    }

    private static int[] labelIndices(CapabilityCascade cascade, List<String> labels, List<String> truth) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            index.put(labels.get(i), i);
        }
        int[] y = new int[truth.size()];
        for (int i = 0; i < y.length; i++) {
            Integer label = index.get(truth.get(i));
            if (label == null) {
                throw new IllegalArgumentException("example " + (i + 1) + ": label '" + truth.get(i) + "' is not one of "
                        + cascade.capability() + "'s labels");
            }
            y[i] = label;
        }
        return y;
    }

    /**
     * For each tuned member, by version: the same model answering from its stored out-of-fold logits, its
     * stand-in encoder registered with the cascade's encoders so the tiers can reach it.
     */
    private static Map<String, IntentModel> outOfFoldStandIns(CapabilityCascade cascade,
                                                              List<CapabilityCascade.TierModel> tiers) {
        Map<String, IntentModel> standIns = new HashMap<>();
        for (CapabilityCascade.TierModel tier : tiers) {
            for (IntentModel member : tier.ensemble().members()) {
                if (standIns.containsKey(member.card().version())) {
                    continue;
                }
                OutOfFoldEncoder encoder;
                try {
                    encoder = OutOfFoldEncoder.of(member);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (encoder != null) {
                    cascade.encoderPool().catalog().register(encoder);
                    standIns.put(member.card().version(), new IntentModel(member.card(),
                            encoder.head(member.card().head().temperature()), List.of(encoder)));
                }
            }
        }
        return standIns;
    }

    /** Features keyed by encoders: models on the same encoders share one encoding pass. */
    private static Map<String, float[][]> encode(List<CapabilityCascade.TierModel> tiers, Map<String, IntentModel> tuned,
                                                 List<String> texts, PrintStream log) {
        Map<String, float[][]> features = new HashMap<>();
        for (CapabilityCascade.TierModel tier : tiers) {
            for (IntentModel member : tier.ensemble().members()) {
                IntentModel standIn = tuned.get(member.card().version());
                if (standIn != null) {
                    OutOfFoldEncoder stored = (OutOfFoldEncoder) standIn.encoders().get(0);
                    features.put(encoderKey(standIn), texts.stream().map(stored::logitsOf).toArray(float[][]::new));
                    continue;
                }
                String encoders = encoderKey(member);
                if (!features.containsKey(encoders)) {
                    log.printf("Encoding %d examples with %s%n", texts.size(), encoders);
                    features.put(encoders, Features.of(member.encoders(), texts, done -> { }));
                }
            }
        }
        return features;
    }

    /** Heads refitted on {@code rows}, once per model version even when a model sits in two tiers. */
    private static CapabilityCascade refitted(CapabilityCascade cascade, List<CapabilityCascade.TierModel> tiers,
                                              Map<String, IntentModel> tuned, Map<String, float[][]> features,
                                              List<Integer> rows, int[] y, int classes) {
        int[] rowLabels = rows.stream().mapToInt(i -> y[i]).toArray();
        Map<String, IntentModel> byVersion = new HashMap<>();
        Map<String, IntentEnsemble> byTier = new HashMap<>();
        for (CapabilityCascade.TierModel tier : tiers) {
            List<IntentModel> members = new ArrayList<>();
            for (IntentModel member : tier.ensemble().members()) {
                members.add(byVersion.computeIfAbsent(member.card().version(), v -> tuned.containsKey(v) ? tuned.get(v)
                        : refit(member, features.get(encoderKey(member)), rows, rowLabels, classes)));
            }
            byTier.put(tier.tier(), tier.ensemble().withMembers(members));
        }
        return cascade.withModels(byTier);
    }

    private static String encoderKey(IntentModel model) {
        return model.encoders().stream().map(Encoder::id).toList().toString();
    }

    /** The model with its head refitted on the training rows, with the card's settings and temperature. */
    private static IntentModel refit(IntentModel model, float[][] x, List<Integer> rows, int[] y, int classes) {
        ModelCard card = model.card();
        Head head = card.head().fitter().fit(rows.stream().map(i -> x[i]).toArray(float[][]::new), y, classes)
                .withTemperature(card.head().temperature());
        return new IntentModel(card, head, model.encoders());
    }
}
