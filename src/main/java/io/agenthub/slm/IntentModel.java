package io.agenthub.slm;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One trained model version loaded for scoring: its encoders (shared through the catalog), its head,
 * its labels and its out-of-scope rule. Loaded once; {@link #score} is safe from many threads.
 */
public final class IntentModel {

    /** The model's answer: a label (possibly the out-of-scope label) and its calibrated probability. */
    public record Scored(String label, double confidence, boolean outOfScope) {
    }

    private final ModelCard card;
    private final LinearHead head;
    private final List<Encoder> encoders;

    public IntentModel(ModelCard card, LinearHead head, List<Encoder> encoders) {
        this.card = card;
        this.head = head;
        this.encoders = encoders;
    }

    public static IntentModel load(Path versionDir, ObjectMapper json, EncoderCatalog catalog) throws IOException {
        Path cardFile = versionDir.resolve("model-card.json");
        if (!Files.isRegularFile(cardFile)) {
            throw new IOException("no model card at " + cardFile);
        }
        ModelCard card = json.readValue(cardFile.toFile(), ModelCard.class);
        LinearHead head = LinearHead.read(versionDir.resolve(card.head().file()));
        List<Encoder> encoders = card.encoders().stream().map(ref -> {
            Encoder encoder = catalog.get(ref.id());
            if (!encoder.digest().equals(ref.digest())) {
                throw new IllegalStateException(card.capability() + "/" + card.version() + " was trained on "
                        + ref.id() + " " + ref.digest() + " but this build has " + encoder.digest());
            }
            return encoder;
        }).toList();
        return new IntentModel(card, head, encoders);
    }

    public ModelCard card() {
        return card;
    }

    public List<Encoder> encoders() {
        return encoders;
    }

    /** Scores features already computed with {@link #encoders()}, in order. */
    public Scored score(float[] features) {
        double[] p = head.probabilities(features);
        int best = Softmax.argmax(p);
        String label = card.labels().get(best);
        ModelCard.OutOfScope oos = card.outOfScope();
        if (oos != null && (label.equals(oos.label()) || p[best] < oos.threshold())) {
            return new Scored(oos.label(), label.equals(oos.label()) ? p[best] : 1 - p[best], true);
        }
        return new Scored(label, p[best], false);
    }

    public double[] probabilities(float[] features) {
        return head.probabilities(features);
    }
}
