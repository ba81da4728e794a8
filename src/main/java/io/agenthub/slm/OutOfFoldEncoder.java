package io.agenthub.slm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tuned model's stand-in while a cascade is cross-validated. Its network was tuned on all the training data,
 * so it cannot answer a held-out fold honestly, and it cannot be refitted per fold like a head on a frozen
 * encoder. Instead every training text gets the logits of the fold run that did not see it, kept in the model's
 * version ({@link ModelCard.Tuning}). The tuned network still runs on every text, so that timings stay true;
 * its output is set aside. Read through an identity head ({@link #head}), the stored logits are the answers.
 */
public final class OutOfFoldEncoder implements Encoder {

    private final Encoder network;
    private final Map<String, float[]> byText;
    private final int classes;

    private OutOfFoldEncoder(Encoder network, Map<String, float[]> byText, int classes) {
        this.network = network;
        this.byText = byText;
        this.classes = classes;
    }

    /**
     * The stand-in for {@code model}, or null when it has no network of its own (its head was fitted on frozen
     * encoders, and cross-validation refits it). Its training data is read
     * from the files its card names (relative to the working directory) and must still have the card's digest.
     */
    public static OutOfFoldEncoder of(IntentModel model) throws IOException {
        if (model.card().encoders().stream().allMatch(ref -> ref.file() == null)) {
            return null;
        }
        String name = model.card().capability() + "/" + model.card().version();
        var logits = model.outOfFoldLogits();
        if (logits.isEmpty()) {
            throw new IllegalStateException(name + " ships its own tuned network but no out-of-fold logits:"
                    + " it cannot be cross-validated (import it with agent-hub import-tuned)");
        }
        ModelCard.TrainingData trained = model.card().trainingData();
        LabelledData data = LabelledData.read(trained.files().stream().map(Path::of).toList());
        if (!data.digest().equals(trained.digest()) || data.examples().size() != logits.get().length) {
            throw new IllegalStateException(name + " was tuned on other data than " + trained.files() + " now holds");
        }
        if (model.encoders().size() != 1) {
            throw new IllegalStateException(name + ": a tuned model has one encoder, its own");
        }
        Map<String, float[]> byText = new HashMap<>();
        for (int i = 0; i < logits.get().length; i++) {
            byText.putIfAbsent(data.texts().get(i), logits.get()[i]);
        }
        return new OutOfFoldEncoder(model.encoders().get(0), byText, model.card().labels().size());
    }

    /** Reads the stored logits as the tuned model's head did, at its calibration temperature. */
    public LinearHead head(double temperature) {
        float[] identity = new float[classes * classes];
        for (int c = 0; c < classes; c++) {
            identity[c * classes + c] = 1f;
        }
        return new LinearHead(classes, classes, identity, new float[classes], temperature);
    }

    /** The stored logits of {@code text}; a text outside the tuning data has none. */
    public float[] logitsOf(String text) {
        float[] logits = byText.get(text);
        if (logits == null) {
            throw new IllegalArgumentException("'" + text + "' is not in the data " + network.id() + " was tuned on:"
                    + " a tuned model is cross-validated on its own training data only");
        }
        return logits;
    }

    @Override
    public String id() {
        return network.id() + " (out of fold)";
    }

    @Override
    public String digest() {
        return network.digest();
    }

    @Override
    public int dimension() {
        return classes;
    }

    @Override
    public float[][] embed(List<String> texts) {
        network.embed(texts);
        return texts.stream().map(this::logitsOf).toArray(float[][]::new);
    }
}
